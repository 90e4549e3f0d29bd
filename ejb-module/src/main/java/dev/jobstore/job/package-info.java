/**
 * Jobs: the {@link dev.jobstore.job.Job} entity and its state machine, the
 * {@link dev.jobstore.job.JobStore} EJB that is the whole Java API, and the values it takes and
 * returns.
 */
package dev.jobstore.job;
