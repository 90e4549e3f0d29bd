package dev.jobstore.job;

import java.util.UUID;

/** The job has no notification target with this delivery id. */
public class TargetNotFoundException extends JobStoreException {

    public TargetNotFoundException(UUID jobId, UUID deliveryId) {
        super("job " + jobId + " has no notification target with delivery id " + deliveryId);
    }
}
