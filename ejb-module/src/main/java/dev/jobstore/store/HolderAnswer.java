package dev.jobstore.store;

import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobStoreException;
import java.time.Instant;
import java.util.UUID;

/**
 * What a batch call did with one job: stored (the job's status after it, and for a heartbeat
 * the new expiry) or refused (why, as the single call would have been refused).
 */
public record HolderAnswer(
        UUID jobId, HolderAction action, JobStatus status, Instant expiresAt, JobStoreException refusal) {

    /** The holder's write on one job, in a batch call. */
    public enum HolderAction {
        FULFILL,
        FAIL,
        RELEASE,
        HEARTBEAT
    }

    static HolderAnswer stored(UUID jobId, HolderAction action, JobStatus status) {
        return new HolderAnswer(jobId, action, status, null, null);
    }

    static HolderAnswer refused(UUID jobId, HolderAction action, JobStoreException refusal) {
        return new HolderAnswer(jobId, action, null, null, refusal);
    }

    public boolean isStored() {
        return refusal == null;
    }
}
