package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Api.Reply;
import dev.jobstore.it.support.Deployments;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lifecycle as a worker in any language sees it: JSON over HTTP. */
@ExtendWith(ArquillianExtension.class)
class HttpApiIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(HttpApiIT.class);
    }

    private final Api api = new Api();
    private final String queue = "http-" + UUID.randomUUID();

    private JsonObject create(String body) {
        Reply created = api.post("queues/" + queue + "/jobs", body);
        assertEquals(201, created.status(), created::toString);
        return created.object();
    }

    private JsonObject pullOne(String lease) {
        Reply pulled = api.post("queues/" + queue + "/leases", "{\"worker\":\"curl\",\"lease\":\"" + lease + "\"}");
        assertEquals(200, pulled.status(), pulled::toString);
        assertEquals(1, pulled.array().size(), pulled::toString);
        return pulled.array().getJsonObject(0);
    }

    @Test
    void create_lease_heartbeat_fulfill_and_download_the_result() {
        Reply created = api.post(
                "queues/" + queue + "/jobs",
                "{\"payload\":{\"n\":1},\"priority\":3,\"maxAttempts\":5,\"backoff\":{\"initial\":\"PT2S\"},\"key\":\"k-1\"}");
        assertEquals(201, created.status(), created::toString);
        JsonObject job = created.object();
        String id = job.getString("id");
        assertTrue(created.location().endsWith("/jobstore/api/jobs/" + id), created.location());
        assertEquals("PENDING", job.getString("status"));
        assertEquals(3, job.getInt("priority"));
        assertEquals(5, job.getInt("maxAttempts"));
        assertEquals("PT2S", job.getJsonObject("backoff").getString("initial"));
        assertEquals(1, job.getJsonObject("payload").getInt("n"));

        Reply again = api.post("queues/" + queue + "/jobs", "{\"payload\":\"other\",\"key\":\"k-1\"}");
        assertEquals(200, again.status());
        assertEquals(id, again.object().getString("id"));

        JsonObject leased = pullOne("PT1M");
        assertEquals(id, leased.getString("id"));
        assertEquals("RUNNING", leased.getString("status"));
        String token = leased.getJsonObject("lease").getString("token");
        assertEquals("curl", leased.getJsonObject("lease").getString("owner"));

        Reply read = api.get("jobs/" + id);
        assertEquals(200, read.status());
        assertFalse(read.text().contains(token), "GET revealed the lease token");
        assertFalse(read.object().getJsonObject("lease").containsKey("token"));

        Reply heartbeat = api.put("jobs/" + id + "/lease", "{\"token\":\"" + token + "\",\"lease\":\"PT10M\"}");
        assertEquals(200, heartbeat.status(), heartbeat::toString);
        Instant expiresAt = Instant.parse(heartbeat.object().getString("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now().plus(Duration.ofMinutes(9))));
        assertEquals(
                expiresAt,
                Instant.parse(
                        api.get("jobs/" + id).object().getJsonObject("lease").getString("expiresAt")));

        byte[] pdf = {'%', 'P', 'D', 'F', (byte) 0xE2, (byte) 0xE3, 0, (byte) 0xFF};
        Reply fulfilled = api.send("PUT", "jobs/" + id + "/result", "application/pdf", pdf, "Lease-Token", token);
        assertEquals(200, fulfilled.status(), fulfilled::toString);
        assertEquals("FULFILLED", fulfilled.object().getString("status"));

        Reply result = api.get("jobs/" + id + "/result");
        assertEquals(200, result.status());
        assertEquals("application/pdf", result.contentType());
        assertArrayEquals(pdf, result.body());
    }

    @Test
    void text_results_keep_their_exact_content_type() {
        String id = create("{\"payload\":null}").getString("id");
        String token = pullOne("PT1M").getJsonObject("lease").getString("token");
        api.send("PUT", "jobs/" + id + "/result", "text/csv", "a,b\n1,2\n".getBytes(), "Lease-Token", token);

        Reply result = api.get("jobs/" + id + "/result");
        assertEquals("text/csv", result.contentType());
        assertEquals("a,b\n1,2\n", result.text());
    }

    @Test
    void release_then_failure_without_retry() {
        String id = create("{\"payload\":\"x\"}").getString("id");
        JsonObject firstLease = pullOne("PT1M").getJsonObject("lease");
        String token = firstLease.getString("token");
        assertEquals(1, firstLease.getJsonNumber("fence").longValueExact());

        Reply released = api.delete("jobs/" + id + "/lease?token=" + token);
        assertEquals(204, released.status(), released::toString);
        JsonObject afterRelease = api.get("jobs/" + id).object();
        assertEquals("PENDING", afterRelease.getString("status"));
        assertEquals(1, afterRelease.getInt("releases"));

        JsonObject secondLease = pullOne("PT1M").getJsonObject("lease");
        String second = secondLease.getString("token");
        assertEquals(2, secondLease.getJsonNumber("fence").longValueExact(), "the next lease has a larger fence");
        assertEquals(
                2,
                api.get("jobs/" + id)
                        .object()
                        .getJsonObject("lease")
                        .getJsonNumber("fence")
                        .longValueExact());
        Reply failed = api.post(
                "jobs/" + id + "/failure", "{\"token\":\"" + second + "\",\"error\":\"boom\",\"retry\":false}");
        assertEquals(200, failed.status(), failed::toString);
        assertEquals("FAILED", failed.object().getString("status"));
        assertEquals(
                "boom",
                failed.object().getJsonArray("failures").getJsonObject(0).getString("error"));
    }

    @Test
    void failure_with_attempts_left_waits_out_the_backoff() {
        String id =
                create("{\"payload\":\"x\",\"backoff\":{\"initial\":\"PT1H\"}}").getString("id");
        String token = pullOne("PT1M").getJsonObject("lease").getString("token");

        JsonObject failed = api.post("jobs/" + id + "/failure", "{\"token\":\"" + token + "\",\"error\":\"later\"}")
                .object();

        assertEquals("WAITING", failed.getString("status"));
        assertTrue(
                Instant.parse(failed.getString("runAt")).isAfter(Instant.now().plus(Duration.ofMinutes(59))));
        assertEquals(
                0,
                api.post("queues/" + queue + "/leases", "{\"worker\":\"w\"}")
                        .array()
                        .size());
    }

    @Test
    void list_pages_newest_first_with_a_cursor_and_filters_by_status() {
        String a = create("{\"payload\":\"a\"}").getString("id");
        String b = create("{\"payload\":\"b\"}").getString("id");
        String c = create("{\"payload\":\"c\",\"delay\":\"PT1H\"}").getString("id");

        JsonObject first = api.get("jobs?queue=" + queue + "&limit=2").object();
        assertEquals(c, first.getJsonArray("items").getJsonObject(0).getString("id"));
        assertEquals(b, first.getJsonArray("items").getJsonObject(1).getString("id"));
        JsonObject second = api.get("jobs?queue=" + queue + "&limit=2&after=" + first.getString("next"))
                .object();
        assertEquals(1, second.getJsonArray("items").size());
        assertEquals(a, second.getJsonArray("items").getJsonObject(0).getString("id"));
        assertFalse(second.containsKey("next"));

        JsonObject waiting = api.get("jobs?queue=" + queue + "&status=waiting").object();
        assertEquals(1, waiting.getJsonArray("items").size());
        assertEquals(c, waiting.getJsonArray("items").getJsonObject(0).getString("id"));
        assertEquals(
                2,
                api.get("jobs?queue=" + queue + "&status=PENDING")
                        .object()
                        .getJsonArray("items")
                        .size());
    }
}
