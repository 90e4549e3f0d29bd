/**
 * Retention: the {@code prune-finished-jobs} batch job deletes FULFILLED, FAILED and CANCELLED
 * jobs past their status's retention ({@link dev.jobstore.retention.FinishedJobs} holds the
 * rule), optionally archiving them first ({@link dev.jobstore.retention.JobArchive}); {@link
 * dev.jobstore.retention.PruneSchedule} runs it once a day as a leased job.
 */
package dev.jobstore.retention;
