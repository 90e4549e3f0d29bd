package dev.jobstore.batch;

import java.util.Properties;
import java.util.UUID;

/**
 * The job parameters that tie a batch execution to the job lease it runs under: the job's id
 * and the lease's token. Callers may not set them ({@code jobstore.} names are reserved).
 */
record LeaseParameters(UUID job, String token) {

    static final String PREFIX = "jobstore.";
    static final String JOB = PREFIX + "job";
    static final String TOKEN = PREFIX + "lease";

    static boolean isReserved(String name) {
        return name.startsWith(PREFIX);
    }

    /** The lease an execution runs under, or null for an execution started by hand. */
    static LeaseParameters of(Properties parameters) {
        String job = parameters == null ? null : parameters.getProperty(JOB);
        return job == null ? null : new LeaseParameters(UUID.fromString(job), parameters.getProperty(TOKEN));
    }

    void addTo(Properties parameters) {
        parameters.setProperty(JOB, job.toString());
        parameters.setProperty(TOKEN, token);
    }
}
