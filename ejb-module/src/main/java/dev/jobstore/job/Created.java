package dev.jobstore.job;

/** The answer to a create: the job, and whether it is new or was found by its key. */
public record Created(JobView job, boolean isNew) {}
