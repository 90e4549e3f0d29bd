package dev.jobstore.job;

import java.util.UUID;

/**
 * The caller's lease token no longer holds the job: the lease expired, was given back, or the
 * job moved on. Nothing the caller sent was stored.
 */
public class LeaseLostException extends JobStoreException {

    private final UUID jobId;

    public LeaseLostException(UUID jobId, String reason) {
        super("lease on job " + jobId + " is lost: " + reason);
        this.jobId = jobId;
    }

    public UUID jobId() {
        return jobId;
    }
}
