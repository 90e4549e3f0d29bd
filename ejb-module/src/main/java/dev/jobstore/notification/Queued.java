package dev.jobstore.notification;

/** The answer to queuing a target: the target, and whether it is new or was already queued. */
public record Queued(TargetView target, boolean isNew) {
}
