package dev.jobstore.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jobstore.job.NewJob;
import dev.jobstore.lease.PullRequest;
import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API's JSON binding with WildFly's JSON-B (Yasson): each scalar only from its own JSON type. */
class StrictBindingTest {

    private final Jsonb jsonb = new JsonbSettings().getContext(Object.class);

    @Test
    void scalars_bind_from_their_own_json_types() {
        PullRequest pull = jsonb.fromJson("{\"worker\":\"w\",\"max\":3,\"lease\":\"PT1M\"}", PullRequest.class);
        assertEquals(new PullRequest("w", 3, Duration.ofMinutes(1), null), pull);
        NewJob job = jsonb.fromJson(
                "{\"payload\":{\"a\":1},\"priority\":1.0,\"maxAttempts\":2,\"backoff\":{\"multiplier\":1.5},\"key\":\"k\"}",
                NewJob.class);
        assertEquals(1, job.priority());
        assertEquals(1.5, job.backoff().multiplier());
        assertEquals(
                LeaseResource.FailureReport.class,
                jsonb.fromJson("{\"token\":\"t\",\"retry\":false}", LeaseResource.FailureReport.class)
                        .getClass());
    }

    @Test
    void a_bulk_request_binds_as_the_dashboard_sends_it() {
        BulkRequest request = jsonb.fromJson(
                "{\"action\":\"restart\",\"filter\":{\"queue\":\"q\",\"status\":\"FAILED\",\"key\":\"\",\"text\":\"\"},"
                        + "\"limit\":100,\"after\":null}",
                BulkRequest.class);
        assertEquals(new BulkRequest("restart", null, new JobFilter("q", "FAILED", "", ""), null, 100), request);
    }

    @Test
    void a_scalar_of_another_json_type_is_refused() {
        for (String body : List.of(
                "{\"worker\":1}",
                "{\"worker\":false}",
                "{\"worker\":{}}",
                "{\"worker\":\"w\",\"max\":1.5}",
                "{\"worker\":\"w\",\"max\":\"3\"}",
                "{\"worker\":\"w\",\"max\":99999999999}",
                "{\"worker\":\"w\",\"lease\":30}",
                "{\"worker\":\"w\",\"lease\":true}",
                "{\"worker\":\"w\",\"lease\":\"30 seconds\"}")) {
            assertThrows(JsonbException.class, () -> jsonb.fromJson(body, PullRequest.class), body);
        }
        assertThrows(
                JsonbException.class,
                () -> jsonb.fromJson("{\"token\":\"t\",\"retry\":\"yes\"}", LeaseResource.FailureReport.class));
        assertThrows(JsonbException.class, () -> jsonb.fromJson("{\"payload\":1,\"dependsOn\":[1]}", NewJob.class));
        assertThrows(
                JsonbException.class, () -> jsonb.fromJson("{\"payload\":1,\"repeat\":{\"times\":1.5}}", NewJob.class));
    }

    @Test
    void a_body_is_one_json_document_and_nothing_more() {
        assertDoesNotThrow(() -> WholeJsonBody.requireOneDocument(bytes(" {\"a\":[1,2]} \n"), StandardCharsets.UTF_8));
        assertDoesNotThrow(() -> WholeJsonBody.requireOneDocument(bytes(""), StandardCharsets.UTF_8));
        assertDoesNotThrow(() -> WholeJsonBody.requireOneDocument(bytes("42"), StandardCharsets.UTF_8));
        for (String body : List.of(
                "{\"payload\":{\"a\":1}}\"",
                "{} {}",
                "[1] x",
                "{\"a\":1",
                "\"unterminated",
                "[".repeat(101) + "]".repeat(101),
                "{\"payload\":{\"a\":\"x\\u0000\"}}",
                "{\"a\\u0000\":1}")) {
            assertThrows(
                    JsonException.class,
                    () -> WholeJsonBody.requireOneDocument(bytes(body), StandardCharsets.UTF_8),
                    body);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
