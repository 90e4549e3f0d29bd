package dev.jobstore.history;

import dev.jobstore.job.QueueMinute;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * A queue's minute: jobs created, fulfilled and failed (attempts) in it, and its depth sampled in
 * it ({@code null} when no node sampled a non-final job of the queue in that minute).
 */
@JsonbPropertyOrder({"queue", "minute", "created", "fulfilled", "failed", "pending", "running"})
public record MinuteView(
        String queue, Instant minute, long created, long fulfilled, long failed, Long pending, Long running) {

    static MinuteView of(QueueMinute row) {
        return new MinuteView(
                row.queue(), row.minute(), row.created(), row.fulfilled(), row.failed(), row.pending(), row.running());
    }
}
