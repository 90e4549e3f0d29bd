package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.AnnotatedHandler;
import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The calls the dashboard is built on: search, count, bulk actions, the workers' view, the caller. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DashboardApiIT {

    private final Api admin = new Api();
    private final String queue = "dash-api-" + UUID.randomUUID().toString().substring(0, 8);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(DashboardApiIT.class, AnnotatedHandler.class);
    }

    private String create(String json) {
        Api.Reply reply = admin.post("queues/" + queue + "/jobs", json);
        assertEquals(201, reply.status(), reply.text());
        return reply.object().getString("id");
    }

    private List<String> ids(String path) {
        return admin.get(path).object().getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getString("id"))
                .toList();
    }

    private long count(String query) {
        return admin.get("jobs/count?" + query).object().getJsonNumber("count").longValue();
    }

    @Test
    void jobs_are_found_by_key_and_by_payload_text_ignoring_case_with_wildcards_taken_literally() {
        String plain = create("{\"payload\":{\"note\":\"Invoice 100% paid\"},\"key\":\"inv-1\"}");
        String underscore = create("{\"payload\":{\"note\":\"invoice_100 due\"}}");
        create("{\"payload\":{\"note\":\"something else\"}}");

        assertEquals(List.of(plain), ids("jobs?queue=" + queue + "&key=inv-1"));
        assertEquals(List.of(plain), ids("jobs?queue=" + queue + "&text=INVOICE%20100%25"));
        assertEquals(List.of(underscore), ids("jobs?queue=" + queue + "&text=invoice_"));
        assertEquals(List.of(underscore, plain), ids("jobs?queue=" + queue + "&text=invoice"));
        assertEquals(2, count("queue=" + queue + "&text=invoice"));
        assertEquals(3, count("queue=" + queue));
        assertEquals(1, count("queue=" + queue + "&key=inv-1&status=PENDING"));
        assertEquals(0, count("queue=" + queue + "&key=inv-1&status=RUNNING"));
    }

    @Test
    void a_bulk_action_on_ids_changes_each_job_it_fits_and_refuses_the_others_with_their_problem() {
        String pending = create("{\"payload\":1}");
        String paused = create("{\"payload\":2}");
        admin.post("jobs/" + paused + "/pause", null);
        String missing = UUID.randomUUID().toString();

        JsonObject answer = admin.post(
                        "jobs/bulk",
                        "{\"action\":\"resume\",\"ids\":[\"" + pending + "\",\"" + paused + "\",\"" + missing + "\"]}")
                .object();

        assertEquals(1, answer.getInt("applied"));
        JsonArray refused = answer.getJsonArray("refused");
        assertEquals(2, refused.size());
        assertEquals(pending, refused.getJsonObject(0).getString("id"));
        assertTrue(refused.getJsonObject(0)
                .getJsonObject("problem")
                .getString("type")
                .endsWith("transition-not-allowed"));
        assertEquals(missing, refused.getJsonObject(1).getString("id"));
        assertTrue(refused.getJsonObject(1)
                .getJsonObject("problem")
                .getString("type")
                .endsWith("job-not-found"));
        assertFalse(answer.containsKey("next"), "no next chunk");
        assertEquals("PENDING", admin.get("jobs/" + paused).object().getString("status"));
    }

    @Test
    void a_bulk_removal_on_a_filter_goes_chunk_by_chunk_past_the_jobs_it_removed() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(create("{\"payload\":" + i + "}"));
        }
        String after = null;
        int applied = 0;
        List<Integer> chunks = new ArrayList<>();
        do {
            String body = "{\"action\":\"remove\",\"filter\":{\"queue\":\"" + queue + "\"},\"limit\":2"
                    + (after == null ? "" : ",\"after\":\"" + after + "\"") + "}";
            Api.Reply reply = admin.post("jobs/bulk", body);
            assertEquals(200, reply.status(), reply.text());
            chunks.add(reply.object().getInt("applied"));
            applied += reply.object().getInt("applied");
            after = reply.object().getString("next", null);
        } while (after != null);

        assertEquals(List.of(2, 2, 1), chunks);
        assertEquals(5, applied);
        assertEquals(0, count("queue=" + queue));
        created.forEach(id -> assertEquals(404, admin.get("jobs/" + id).status()));
    }

    @Test
    void bad_bulk_requests_are_refused_and_change_nothing() {
        String id = create("{\"payload\":1}");
        for (String body : List.of(
                "{\"ids\":[\"" + id + "\"]}",
                "{\"action\":\"explode\",\"ids\":[\"" + id + "\"]}",
                "{\"action\":\"cancel\"}",
                "{\"action\":\"cancel\",\"ids\":[],\"filter\":{}}",
                "{\"action\":\"cancel\",\"ids\":[]}",
                "{\"action\":\"cancel\",\"filter\":{},\"after\":\"not-a-cursor\"}",
                "{\"action\":\"cancel\",\"filter\":{\"status\":\"SLEEPING\"}}")) {
            Api.Reply reply = admin.post("jobs/bulk", body);
            assertEquals(400, reply.status(), body + " -> " + reply.text());
        }
        assertEquals("PENDING", admin.get("jobs/" + id).object().getString("status"));
        assertEquals(
                403,
                Api.as("viewer")
                        .post("jobs/bulk", "{\"action\":\"cancel\",\"ids\":[\"" + id + "\"]}")
                        .status());
    }

    @Test
    void the_workers_view_shows_every_pool_and_who_holds_which_leases() {
        String id = create("{\"payload\":1}");
        Api.Reply pulled = admin.post("queues/" + queue + "/leases", "{\"worker\":\"remote-7\",\"lease\":\"PT5M\"}");
        assertEquals(id, pulled.array().getJsonObject(0).getString("id"));

        JsonObject view = Await.until(
                "the annotated handler's pool to be reported",
                Duration.ofSeconds(30),
                () -> admin.get("workers").object(),
                v -> v.getJsonArray("pools").stream()
                        .anyMatch(p -> p.asJsonObject().getString("queue").equals(AnnotatedHandler.QUEUE)));
        JsonObject pool = view.getJsonArray("pools").stream()
                .map(JsonValue::asJsonObject)
                .filter(p -> p.getString("queue").equals(AnnotatedHandler.QUEUE))
                .findFirst()
                .orElseThrow();
        assertEquals(2, pool.getInt("concurrency"));
        assertEquals(2, pool.getInt("running") + pool.getInt("idle"));
        assertTrue(pool.getString("name").endsWith("@" + pool.getString("node")), pool.toString());
        JsonObject holder = view.getJsonArray("holders").stream()
                .map(JsonValue::asJsonObject)
                .filter(h -> h.getString("queue").equals(queue))
                .findFirst()
                .orElseThrow();
        assertEquals("remote-7", holder.getString("owner"));
        assertEquals(1, holder.getInt("running"));
        // The leases that run out first, of every queue: ours among them, or 20 that run out no later
        List<Instant> expiring = view.getJsonArray("expiring").stream()
                .map(job ->
                        Instant.parse(job.asJsonObject().getJsonObject("lease").getString("expiresAt")))
                .toList();
        assertEquals(expiring.stream().sorted().toList(), expiring);
        Instant ours = Instant.parse(
                pulled.array().getJsonObject(0).getJsonObject("lease").getString("expiresAt"));
        assertTrue(
                view.getJsonArray("expiring").stream()
                                .anyMatch(job ->
                                        job.asJsonObject().getString("id").equals(id))
                        || (expiring.size() == 20 && !expiring.get(19).isAfter(ours)),
                view.getJsonArray("expiring")::toString);
    }

    @Test
    void a_caller_learns_its_own_name_roles_and_queue_scope() {
        JsonObject viewer = Api.as("viewer").get("me").object();
        assertEquals("viewer", viewer.getString("name"));
        assertEquals("[\"viewer\"]", viewer.getJsonArray("roles").toString());
        assertEquals("[]", viewer.getJsonArray("queues").toString());
        JsonObject scoped = Api.as("scoped").get("me").object();
        assertEquals("[\"producer\",\"worker\"]", scoped.getJsonArray("roles").toString());
        assertEquals("[\"emails*\"]", scoped.getJsonArray("queues").toString());
        assertEquals(401, Api.anonymous().get("me").status());
    }
}
