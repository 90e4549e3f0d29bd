package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The queues' history by the minute; the test server adds its counts every 0.3 s. */
@ExtendWith(ArquillianExtension.class)
class HistoryIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(HistoryIT.class);
    }

    private final Api api = new Api();
    private final String queue = "history-" + UUID.randomUUID();

    @Test
    void a_queues_minutes_hold_what_happened_and_how_deep_it_was() {
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    201,
                    api.post("queues/" + queue + "/jobs", "{\"payload\":" + i + "}")
                            .status());
        }
        JsonArray leased = api.post("queues/" + queue + "/leases", "{\"worker\":\"w\",\"max\":2}")
                .array();
        JsonObject done = leased.getJsonObject(0);
        JsonObject failed = leased.getJsonObject(1);
        assertEquals(
                200,
                api.send(
                                "PUT",
                                "jobs/" + done.getString("id") + "/result",
                                "text/plain",
                                "ok".getBytes(),
                                "Lease-Token",
                                token(done))
                        .status());
        assertEquals(
                200,
                api.post(
                                "jobs/" + failed.getString("id") + "/failure",
                                "{\"token\":\"" + token(failed) + "\",\"error\":\"no\",\"retry\":false}")
                        .status());

        // Summed over the minutes: the jobs may straddle a minute's end.
        Await.until(
                "the history to count them",
                PATIENCE,
                () -> sum(history(), "created") + "/" + sum(history(), "fulfilled") + "/" + sum(history(), "failed"),
                "3/1/1"::equals);
        Await.until(
                "a sample of the one job left pending",
                PATIENCE,
                this::history,
                minutes -> minutes.getValuesAs(JsonObject.class).stream()
                        .anyMatch(minute -> !minute.isNull("pending")
                                && minute.getJsonNumber("pending").longValue() == 1
                                && minute.getJsonNumber("running").longValue() == 0));
        for (JsonObject minute : history().getValuesAs(JsonObject.class)) {
            assertEquals(queue, minute.getString("queue"));
            // A minute no node sampled says so with null depths; it does not leave them out.
            assertTrue(minute.containsKey("pending") && minute.containsKey("running"), minute::toString);
            assertEquals(0, java.time.Instant.parse(minute.getString("minute")).getEpochSecond() % 60);
        }
        assertEquals(200, Api.as("viewer").get("history?queue=" + queue).status());

        JsonArray buckets =
                api.get("history?window=PT20M&step=PT10M&queue=" + queue).array();
        assertEquals("3/1/1", sum(buckets, "created") + "/" + sum(buckets, "fulfilled") + "/" + sum(buckets, "failed"));
        assertTrue(buckets.size() <= 2, buckets::toString);
        for (JsonObject bucket : buckets.getValuesAs(JsonObject.class)) {
            assertEquals(0, java.time.Instant.parse(bucket.getString("minute")).getEpochSecond() % 600);
        }
    }

    @Test
    void a_window_out_of_range_or_not_a_duration_is_refused() {
        for (String window : new String[] {"P8D", "PT0S", "-PT1H", "soon"}) {
            var reply = api.get("history?window=" + window);
            assertEquals(400, reply.status(), window);
            assertEquals("invalid-request", reply.object().getString("type"), window);
        }
        assertEquals(200, api.get("history?window=P7D").status());
        for (String step : new String[] {"PT30S", "PT90S", "PT2H", "PT0S", "often"}) {
            var reply = api.get("history?window=PT1H&step=" + step);
            assertEquals(400, reply.status(), step);
        }
    }

    private JsonArray history() {
        return api.get("history?window=PT10M&queue=" + queue).array();
    }

    private static long sum(JsonArray minutes, String field) {
        return minutes.getValuesAs(JsonObject.class).stream()
                .mapToLong(minute -> minute.getJsonNumber(field).longValue())
                .sum();
    }

    private static String token(JsonObject leasedJob) {
        return leasedJob.getJsonObject("lease").getString("token");
    }
}
