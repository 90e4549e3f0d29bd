package dev.jobstore.job;

import java.util.UUID;

/** The state machine does not allow this change from the job's (or its target's) current state. */
public class TransitionNotAllowedException extends JobStoreException {

    public TransitionNotAllowedException(UUID id, String action, JobStatus current, String allowedFrom) {
        super("cannot " + action + " job " + id + ": it is " + current + "; " + action + " applies to " + allowedFrom);
    }

    public TransitionNotAllowedException(String message) {
        super(message);
    }
}
