package dev.jobstore.security;

import dev.jobstore.job.JobStoreException;

/** The caller is known but may not do this (a queue outside its scope, say). */
public class ForbiddenException extends JobStoreException {

    public ForbiddenException(String message) {
        super(message);
    }
}
