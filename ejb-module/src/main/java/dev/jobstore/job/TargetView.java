package dev.jobstore.job;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.UUID;

/**
 * A notification target as callers see it.
 *
 * @param deliveryId the id a webhook receiver sees in {@code Jobstore-Delivery-Id}, the same on
 *                   every attempt
 * @param nextAttemptAt for a pending webhook: when it is tried next
 */
@JsonbPropertyOrder({"target", "state", "webhook", "attempts", "deliveryId", "lastError", "nextAttemptAt", "deliveredAt"
})
public record TargetView(
        JsonValue target,
        TargetState state,
        boolean webhook,
        int attempts,
        UUID deliveryId,
        String lastError,
        Instant nextAttemptAt,
        Instant deliveredAt) {}
