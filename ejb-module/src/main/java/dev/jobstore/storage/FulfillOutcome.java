package dev.jobstore.storage;

import dev.jobstore.job.JobStoreException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What {@link JobStorage#fulfill} did with a group: the jobs it fulfilled and, by id, why it
 * left the others alone ({@link dev.jobstore.job.LeaseLostException}, {@link
 * dev.jobstore.job.JobNotFoundException}).
 */
public record FulfillOutcome(List<Fulfilled> fulfilled, Map<UUID, JobStoreException> refused) {

    /**
     * A fulfilled job. {@code mayHaveDependents} and {@code mayHavePendingTargets} are false only
     * when the job is known to have none, so that the common job costs no further query; {@code
     * followUp} is the next run of a repeating job, created in the same transaction, or null.
     */
    public record Fulfilled(
            UUID id,
            String queue,
            String contentType,
            boolean mayHaveDependents,
            boolean mayHavePendingTargets,
            UUID followUp) {}
}
