package dev.jobstore.control;

import dev.jobstore.job.JobCursor;
import dev.jobstore.job.JobStoreException;
import java.util.List;
import java.util.UUID;

/**
 * What one bulk call did.
 *
 * @param applied how many jobs the action changed
 * @param refused the jobs it did not change, each with why (the same error a single call gets)
 * @param next    for a call on a filter: the cursor to pass for the following chunk; {@code
 *                null} when the filter has no more jobs
 */
public record BulkOutcome(int applied, List<Refusal> refused, JobCursor next) {

    /** A job the action did not change, and why. */
    public record Refusal(UUID id, JobStoreException error) {}
}
