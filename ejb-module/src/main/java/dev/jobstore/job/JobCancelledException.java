package dev.jobstore.job;

import java.util.UUID;

/** The job is CANCELLED: it has no value, and will have none unless it is restarted. */
public class JobCancelledException extends JobStoreException {

    public JobCancelledException(UUID id, String reason) {
        super("job " + id + " was CANCELLED" + (reason == null ? "" : ": " + reason));
    }
}
