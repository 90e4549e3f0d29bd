package dev.jobstore.history;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * A queue's minute: jobs created, fulfilled and failed (attempts) in it, and its depth sampled in
 * it ({@code null} when no node sampled a non-final job of the queue in that minute). Read in
 * buckets of several minutes, {@code minute} is the bucket's first. The depth is written as
 * {@code null}, not left out, as the OpenAPI description says.
 */
@JsonbPropertyOrder({"queue", "minute", "created", "fulfilled", "failed", "pending", "running"})
public record MinuteView(
        String queue,
        Instant minute,
        long created,
        long fulfilled,
        long failed,
        @JsonbNillable Long pending,
        @JsonbNillable Long running) {

    /** The same counts, for the bucket that starts at {@code start}. */
    MinuteView startingAt(Instant start) {
        return new MinuteView(queue, start, created, fulfilled, failed, pending, running);
    }

    /** The sums of this and {@code later}'s counts, and the higher of their depths. */
    MinuteView plus(MinuteView later) {
        return new MinuteView(
                queue,
                minute,
                created + later.created,
                fulfilled + later.fulfilled,
                failed + later.failed,
                higher(pending, later.pending),
                higher(running, later.running));
    }

    private static Long higher(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }
}
