package dev.jobstore.notification;

import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A fulfilled job's pending (non-webhook) targets, leased to one notifier.
 *
 * @param value       the job's value, as stored
 * @param waiting     the targets still to reach
 * @param token       the notification lease token, for {@code done}
 */
public record Notification(
        UUID jobId, byte[] value, String contentType, List<JsonValue> waiting, String token, Instant expiresAt) {}
