package dev.jobstore.batch;

import dev.jobstore.job.JobStoreException;

/** No batch job of that name, or no execution of that id, that this application can see. */
public class BatchNotFoundException extends JobStoreException {

    public BatchNotFoundException(String message) {
        super(message);
    }
}
