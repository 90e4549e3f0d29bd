package dev.jobstore.job;

import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** One leased job to fulfill with a JSON value, in a {@link JobStore#fulfillAll} group. */
public record Fulfillment(UUID jobId, String token, JsonValue value) {

    byte[] json() {
        return (value == null ? JsonValue.NULL : value).toString().getBytes(StandardCharsets.UTF_8);
    }
}
