package dev.jobstore.job;

import java.util.UUID;

/** No job has this id (it never existed, or it was removed). */
public class JobNotFoundException extends JobStoreException {

    public JobNotFoundException(UUID id) {
        super("no job with id " + id);
    }
}
