package dev.jobstore.notification;

import dev.jobstore.job.TargetView;

/** The answer to queuing a target: the target, and whether it is new or was already queued. */
public record Queued(TargetView target, boolean isNew) {}
