package dev.jobstore.job;

import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** One leased job to fulfill with a JSON value, in a group fulfill (the worker pools' group commit). */
public record Fulfillment(UUID jobId, String token, JsonValue value) {

    /** A JSON value as stored: its compact UTF-8 text, JSON null for {@code null}. */
    public static byte[] jsonBytes(JsonValue value) {
        return (value == null ? JsonValue.NULL : value).toString().getBytes(StandardCharsets.UTF_8);
    }
}
