package dev.jobstore.job;

/** Where a notification target is: waiting, reached, or given up on. */
public enum TargetState {
    /** Not delivered yet (due once the job is FULFILLED). */
    PENDING,
    /** Reported delivered by a notifier, or accepted by the webhook receiver. */
    DELIVERED,
    /** A webhook that failed every attempt; it stays on the job for inspection. */
    DEAD
}
