package dev.jobstore.job;

import java.time.Instant;

/** What one node saw of a queue in one minute: jobs created, fulfilled and failed. */
public record MinuteCounts(String queue, Instant minute, long created, long fulfilled, long failed) {

    public MinuteCounts plus(MinuteCounts other) {
        return new MinuteCounts(
                queue, minute, created + other.created, fulfilled + other.fulfilled, failed + other.failed);
    }
}
