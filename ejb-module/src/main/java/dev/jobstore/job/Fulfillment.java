package dev.jobstore.job;

import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One leased job to fulfill with a value of {@code contentType}, in a group fulfill (the worker
 * pools' group commit, a batch acknowledgement).
 */
public record Fulfillment(UUID jobId, String token, byte[] value, String contentType) {

    /** A fulfillment with a JSON value, stored as {@code application/json}. */
    public static Fulfillment json(UUID jobId, String token, JsonValue value) {
        return new Fulfillment(jobId, token, jsonBytes(value), "application/json");
    }

    /** A JSON value as stored: its compact UTF-8 text, JSON null for {@code null}. */
    public static byte[] jsonBytes(JsonValue value) {
        return (value == null ? JsonValue.NULL : value).toString().getBytes(StandardCharsets.UTF_8);
    }
}
