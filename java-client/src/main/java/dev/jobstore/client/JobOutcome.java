package dev.jobstore.client;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * How a job ended: FULFILLED with its value (bytes and content type), FAILED with its last
 * error, or CANCELLED with why.
 */
public record JobOutcome(UUID id, Status status, byte[] value, String contentType, String error) {

    /** A job's final status. */
    public enum Status {
        FULFILLED,
        FAILED,
        CANCELLED
    }

    public boolean isFulfilled() {
        return status == Status.FULFILLED;
    }

    /** The value as text (UTF-8). */
    public String valueAsString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** The value as JSON (for values stored as JSON, such as a handler's). */
    public JsonValue valueAsJson() {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new ByteArrayInputStream(value))) {
            return reader.readValue();
        }
    }
}
