package dev.jobstore.job;

import java.util.UUID;

/** The job is FAILED: it has no value, and will have none unless it is restarted. */
public class JobFailedException extends JobStoreException {

    public JobFailedException(UUID id, String error) {
        super("job " + id + " FAILED" + (error == null ? "" : ": " + error));
    }
}
