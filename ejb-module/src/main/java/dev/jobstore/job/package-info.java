/**
 * Jobs, the domain: the {@link dev.jobstore.job.Job} entity and its state machine, the lease it
 * holds, the views callers see, the rules derived from stored state (effective status, claim
 * and id order) and the values and exceptions of the Java API.
 */
package dev.jobstore.job;
