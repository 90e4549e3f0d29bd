package dev.jobstore.job;

import java.util.UUID;

/** The job exists but has no stored value yet: it is not FULFILLED. */
public class ResultNotFoundException extends JobStoreException {

    public ResultNotFoundException(UUID id, JobStatus status) {
        super("job " + id + " is " + status + "; its result exists once it is FULFILLED");
    }
}
