package dev.jobstore.job;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which finished jobs are old enough to prune: those of each final status that finished before
 * its instant (null: none of that status).
 */
public record FinishedBefore(Instant fulfilled, Instant failed, Instant cancelled) {

    /** The final statuses some jobs of which may be pruned, with their instants, in a stable order. */
    public Map<JobStatus, Instant> byStatus() {
        Map<JobStatus, Instant> cutoffs = new LinkedHashMap<>();
        if (fulfilled != null) {
            cutoffs.put(JobStatus.FULFILLED, fulfilled);
        }
        if (failed != null) {
            cutoffs.put(JobStatus.FAILED, failed);
        }
        if (cancelled != null) {
            cutoffs.put(JobStatus.CANCELLED, cancelled);
        }
        return cutoffs;
    }
}
