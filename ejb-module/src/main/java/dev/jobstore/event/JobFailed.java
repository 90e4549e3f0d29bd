package dev.jobstore.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An attempt at a job failed (fired after commit). {@code retryAt} is when the job becomes
 * claimable again, or {@code null} when the job is now FAILED for good.
 */
public record JobFailed(UUID jobId, String queue, String error, Instant retryAt) {

    /** Whether the job will be tried again. */
    public boolean willRetry() {
        return retryAt != null;
    }
}
