/**
 * Jakarta Batch (JBeret): the batch jobs the application holds, an admin's view and control of
 * their executions, and batch executions run as leased jobs ({@link
 * dev.jobstore.batch.LeasedBatches}): started under a job's lease, fenced chunk by chunk
 * ({@link dev.jobstore.batch.JobLeaseFence}), restarted from their checkpoint by the job's next
 * holder when their node dies.
 */
package dev.jobstore.batch;
