package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.event.JobCompromised;
import dev.jobstore.it.events.RecordedEvents;
import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Api.Reply;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/** Every control transition over HTTP, allowed and refused, plus progress, logs, batches and queues. */
@ExtendWith(ArquillianExtension.class)
class JobControlIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(JobControlIT.class);
    }

    @Inject
    JobStore store;

    @Inject
    RecordedEvents events;

    private final Api api = new Api();
    private final String queue = "control-" + UUID.randomUUID();

    private String create(String body) {
        Reply created = api.post("queues/" + queue + "/jobs", body);
        assertEquals(201, created.status(), created::toString);
        return created.object().getString("id");
    }

    private JsonObject pullOne() {
        Reply pulled = api.post("queues/" + queue + "/leases", "{\"worker\":\"w\",\"lease\":\"PT1M\"}");
        assertEquals(1, pulled.array().size(), pulled::toString);
        return pulled.array().getJsonObject(0);
    }

    private String status(String id) {
        return api.get("jobs/" + id).object().getString("status");
    }

    private Reply control(String id, String action) {
        return api.post("jobs/" + id + "/" + action, null);
    }

    private static Executable refused(Reply reply, String currentStatus) {
        return () -> {
            assertEquals(409, reply.status(), reply::toString);
            assertEquals("transition-not-allowed", reply.object().getString("type"));
            assertTrue(reply.object().getString("detail").contains("it is " + currentStatus), reply::toString);
        };
    }

    @Test
    void pause_and_resume_hold_a_job_back() {
        String id = create("{\"payload\":1}");
        assertEquals("PAUSED", control(id, "pause").object().getString("status"));
        assertEquals(
                0,
                api.post("queues/" + queue + "/leases", "{\"worker\":\"w\"}")
                        .array()
                        .size(),
                "a paused job was handed out");
        assertAll(refused(control(id, "pause"), "PAUSED"), refused(control(id, "restart"), "PAUSED"));

        assertEquals("PENDING", control(id, "resume").object().getString("status"));
        assertAll(refused(control(id, "resume"), "PENDING"));
        assertEquals(id, pullOne().getString("id"));
        assertAll(refused(control(id, "pause"), "RUNNING"), refused(control(id, "rerun"), "RUNNING"));
    }

    @Test
    void cancelling_a_running_job_compromises_its_holder() {
        String id = create("{\"payload\":1}");
        JobLease lease = store.pullWork(queue, "holder").orElseThrow();

        JsonObject cancelled = control(id, "cancel").object();

        assertEquals("CANCELLED", cancelled.getString("status"));
        assertEquals("cancelled by request", cancelled.getString("reason"));
        assertTrue(cancelled.containsKey("finishedAt"));
        List<JobCompromised> compromised = events.about(UUID.fromString(id), JobCompromised.class);
        assertEquals(1, compromised.size());
        assertEquals("cancelled", compromised.get(0).reason());
        assertEquals(lease.token(), compromised.get(0).token());
        org.junit.jupiter.api.Assertions.assertThrows(
                LeaseLostException.class, () -> lease.fulfill("late".getBytes(), "text/plain"));
        assertAll(refused(control(id, "cancel"), "CANCELLED"), refused(control(id, "pause"), "CANCELLED"));
    }

    @Test
    void restart_and_rerun_bring_back_finished_jobs() {
        String failed = create("{\"payload\":\"f\",\"maxAttempts\":1}");
        String token = pullOne().getJsonObject("lease").getString("token");
        api.post("jobs/" + failed + "/failure", "{\"token\":\"" + token + "\",\"error\":\"boom\"}");
        assertEquals("FAILED", status(failed));

        JsonObject restarted = control(failed, "restart").object();
        assertEquals("PENDING", restarted.getString("status"));
        assertEquals(0, restarted.getInt("attempts"));
        String again = pullOne().getJsonObject("lease").getString("token");
        api.send(
                "PUT",
                "jobs/" + failed + "/result",
                "text/plain",
                "ok".getBytes(StandardCharsets.UTF_8),
                "Lease-Token",
                again);
        assertAll(refused(control(failed, "restart"), "FULFILLED"));

        Reply rerun = control(failed, "rerun");
        assertEquals(201, rerun.status(), rerun::toString);
        JsonObject copy = rerun.object();
        assertNotEquals(failed, copy.getString("id"));
        assertEquals("PENDING", copy.getString("status"));
        assertEquals("f", copy.getString("payload"));
        assertEquals(1, copy.getInt("maxAttempts"));
        assertEquals("FULFILLED", status(failed), "rerun changed the original");
    }

    @Test
    void remove_needs_force_for_a_running_job() {
        String pending = create("{\"payload\":1}");
        assertEquals(204, api.delete("jobs/" + pending).status());
        assertEquals(404, api.get("jobs/" + pending).status());

        String running = create("{\"payload\":2}");
        JobLease lease = store.pullWork(queue, "holder").orElseThrow();
        assertAll(refused(api.delete("jobs/" + running), "RUNNING"));
        assertEquals("RUNNING", status(running));

        assertEquals(204, api.delete("jobs/" + running + "?force=true").status());
        assertEquals(404, api.get("jobs/" + running).status());
        assertEquals(
                "removed",
                events.about(UUID.fromString(running), JobCompromised.class)
                        .get(0)
                        .reason());
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, lease::heartbeat);
        assertEquals(400, api.delete("jobs/" + running + "?force=maybe").status());
    }

    @Test
    void progress_is_fenced_and_logs_read_back_in_order() {
        String id = create("{\"payload\":1}");
        String token = pullOne().getJsonObject("lease").getString("token");

        JsonObject progressed = api.post(
                        "jobs/" + id + "/progress", "{\"token\":\"" + token + "\",\"completed\":3,\"total\":10}")
                .object();
        assertEquals(3, progressed.getJsonObject("progress").getInt("completed"));
        assertEquals(10, progressed.getJsonObject("progress").getInt("total"));
        assertEquals(
                409,
                api.post("jobs/" + id + "/progress", "{\"token\":\"stale\",\"completed\":4,\"total\":10}")
                        .status());
        assertEquals(
                400,
                api.post("jobs/" + id + "/progress", "{\"token\":\"" + token + "\",\"completed\":11,\"total\":10}")
                        .status());

        for (String level : List.of("debug", "info", "warning", "danger")) {
            Reply logged = api.post(
                    "jobs/" + id + "/logs",
                    "{\"level\":\"" + level + "\",\"message\":\"" + level + " line\",\"data\":{\"n\":1}}");
            assertEquals(201, logged.status(), logged::toString);
        }
        assertEquals(
                400,
                api.post("jobs/" + id + "/logs", "{\"level\":\"loud\",\"message\":\"x\"}")
                        .status());
        List<JsonObject> lines = api.get("jobs/" + id + "/logs").array().getValuesAs(JsonObject.class);
        assertEquals(
                List.of("debug", "info", "warning", "danger"),
                lines.stream().map(l -> l.getString("level")).toList());
        assertEquals("danger line", lines.get(3).getString("message"));
        assertEquals(1, lines.get(0).getJsonObject("data").getInt("n"));
    }

    @Test
    void a_batch_is_created_whole_or_not_at_all() {
        Reply created = api.post(
                "queues/" + queue + "/jobs/batch", "[{\"payload\":1},{\"payload\":2,\"priority\":5},{\"payload\":3}]");
        assertEquals(201, created.status(), created::toString);
        assertEquals(3, created.array().size());

        Reply refused = api.post(
                "queues/" + queue + "/jobs/batch",
                "[{\"payload\":4},{\"payload\":5,\"maxAttempts\":0},{\"payload\":6}]");
        assertEquals(400, refused.status());
        assertTrue(refused.object().getString("detail").startsWith("item 1: "), refused::toString);
        assertEquals(
                3,
                api.get("jobs?queue=" + queue).object().getJsonArray("items").size(),
                "a refused batch created jobs");
    }

    @Test
    void a_batch_with_prefer_return_minimal_answers_ids_only() {
        create("{\"payload\":0,\"key\":\"known\"}");
        Reply created = api.send(
                "POST",
                "queues/" + queue + "/jobs/batch",
                "application/json",
                "[{\"payload\":1},{\"payload\":2,\"key\":\"known\"}]".getBytes(StandardCharsets.UTF_8),
                "Prefer",
                "respond-async, return=minimal");
        assertEquals(201, created.status(), created::toString);
        assertEquals("return=minimal", created.preferenceApplied());
        List<JsonObject> refs = created.array().getValuesAs(JsonObject.class);
        assertEquals(List.of("id", "created"), List.copyOf(refs.get(0).keySet()));
        assertTrue(refs.get(0).getBoolean("created"));
        assertFalse(refs.get(1).getBoolean("created"), "a known key made a second job");
        for (JsonObject ref : refs) {
            assertEquals(queue, api.get("jobs/" + ref.getString("id")).object().getString("queue"));
        }
        assertEquals(
                2, api.get("jobs?queue=" + queue).object().getJsonArray("items").size());
    }

    @Test
    void a_paused_queue_hands_out_nothing_and_queues_report_counts() {
        create("{\"payload\":1}");
        create("{\"payload\":2}");
        create("{\"payload\":3,\"delay\":\"PT1H\"}");
        pullOne();

        JsonObject paused = api.post("queues/" + queue + "/pause", null).object();
        assertTrue(paused.getBoolean("paused"));
        assertEquals(
                0,
                api.post("queues/" + queue + "/leases", "{\"worker\":\"w\"}")
                        .array()
                        .size(),
                "a paused queue handed out a job");

        JsonObject stats = api.get("queues").array().getValuesAs(JsonObject.class).stream()
                .filter(q -> q.getString("queue").equals(queue))
                .findFirst()
                .orElseThrow();
        JsonObject counts = stats.getJsonObject("counts");
        assertEquals(1, counts.getInt("PENDING"));
        assertEquals(1, counts.getInt("RUNNING"));
        assertEquals(1, counts.getInt("WAITING"));
        assertEquals(0, counts.getInt("FAILED"));
        assertTrue(stats.getString("oldestPendingAge").startsWith("PT"), stats::toString);

        assertTrue(!api.post("queues/" + queue + "/resume", null).object().getBoolean("paused"));
        assertEquals(
                1,
                api.post("queues/" + queue + "/leases", "{\"worker\":\"w\"}")
                        .array()
                        .size());
    }
}
