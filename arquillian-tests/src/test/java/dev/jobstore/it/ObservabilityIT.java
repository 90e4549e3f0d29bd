package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.Management;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Health and metrics as a probe and a Prometheus scraper read them from the management interface
 * (no credentials). The test server reads queue depths every 0.3 s.
 */
@ExtendWith(ArquillianExtension.class)
class ObservabilityIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(ObservabilityIT.class);
    }

    private final Api api = new Api();
    private final String queue = "observed-" + UUID.randomUUID();

    @Test
    void readiness_and_liveness_carry_the_stores_own_checks() {
        HttpResponse<String> ready = Management.get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject store = check(ready.body(), "jobstore");
        assertEquals("UP", store.getString("status"));
        assertEquals("UP", store.getJsonObject("data").getString("database"));
        assertTrue(store.getJsonObject("data").getString("schema").startsWith("version "), store.toString());

        HttpResponse<String> live = Management.get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("UP", check(live.body(), "jobstore-sweeps").getString("status"));
    }

    @Test
    void metrics_follow_the_queues_jobs() {
        for (int i = 0; i < 4; i++) {
            assertEquals(
                    201,
                    api.post("queues/" + queue + "/jobs", "{\"payload\":" + i + "}")
                            .status());
        }
        var leased = api.post("queues/" + queue + "/leases", "{\"worker\":\"w\",\"max\":3}")
                .array();
        assertEquals(3, leased.size());
        JsonObject fulfilled = leased.getJsonObject(0);
        JsonObject failed = leased.getJsonObject(1);
        JsonObject cancelled = leased.getJsonObject(2);
        assertEquals(
                200,
                api.send(
                                "PUT",
                                "jobs/" + fulfilled.getString("id") + "/result",
                                "application/json",
                                "\"done\"".getBytes(),
                                "Lease-Token",
                                token(fulfilled))
                        .status());
        assertEquals(
                200,
                api.post(
                                "jobs/" + failed.getString("id") + "/failure",
                                "{\"token\":\"" + token(failed) + "\",\"error\":\"boom\",\"retry\":false}")
                        .status());
        assertEquals(
                200,
                api.post("jobs/" + cancelled.getString("id") + "/cancel", "{}").status());

        Map<String, String> ofQueue = Map.of("queue", queue);
        assertEquals(4.0, value("jobstore_jobs_enqueued_total", ofQueue));
        assertEquals(1.0, value("jobstore_jobs_fulfilled_total", ofQueue));
        assertEquals(1.0, value("jobstore_jobs_failed_total", Map.of("queue", queue, "final", "true")));
        assertEquals(0.0, value("jobstore_jobs_failed_total", Map.of("queue", queue, "final", "false")));
        assertEquals(1.0, value("jobstore_jobs_compromised_total", Map.of("queue", queue, "reason", "cancelled")));
        assertEquals(1.0, value("jobstore_claim_seconds_count", ofQueue));
        assertEquals(1.0, value("jobstore_claim_buckets_total", Map.of("queue", queue, "le", "+Inf")));
        assertEquals(3.0, value("jobstore_job_wait_seconds_count", ofQueue));
        assertEquals(1.0, value("jobstore_fulfill_seconds_count", ofQueue));

        // The gauges follow the database at the next read of queue depths.
        Await.until(
                "the pending gauge to show the one job left",
                PATIENCE,
                () -> Management.sample("jobstore_jobs_pending", ofQueue),
                pending -> pending.isPresent() && pending.getAsDouble() == 1.0);
        assertEquals(0.0, value("jobstore_jobs_running", ofQueue));
        assertTrue(value("jobstore_queue_oldest_pending_age_seconds", ofQueue) >= 0);
    }

    @Test
    void the_waiting_pulls_gauge_counts_long_polls_until_they_are_answered() {
        String empty = queue + "-waits";
        List<CompletableFuture<Api.Reply>> polls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            polls.add(CompletableFuture.supplyAsync(
                    () -> api.post("queues/" + empty + "/leases", "{\"worker\":\"w\",\"wait\":\"PT20S\"}")));
        }
        // The deployment's own pools (the batch pool) may wait too, but fewer than five.
        Await.until(
                "the gauge to count the five waiting polls",
                PATIENCE,
                () -> value("jobstore_pulls_waiting", Map.of()),
                waiting -> waiting >= 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(201, api.post("queues/" + empty + "/jobs", "{}").status());
        }
        polls.forEach(poll -> assertEquals(200, poll.join().status()));
        Await.until(
                "the gauge to drop the answered polls",
                PATIENCE,
                () -> value("jobstore_pulls_waiting", Map.of()),
                waiting -> waiting < 5);
    }

    private static double value(String name, Map<String, String> labels) {
        OptionalDouble sample = Management.sample(name, labels);
        assertTrue(sample.isPresent(), () -> "no sample " + name + labels);
        return sample.getAsDouble();
    }

    private static String token(JsonObject leasedJob) {
        return leasedJob.getJsonObject("lease").getString("token");
    }

    private static JsonObject check(String healthBody, String name) {
        return Json.createReader(new StringReader(healthBody))
                .readObject()
                .getJsonArray("checks")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(check -> check.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + healthBody));
    }
}
