package dev.jobstore.store;

import java.util.UUID;

/** A failed attempt a holder reports in a batch acknowledgement; as {@link JobStore#fail}. */
public record FailedAttempt(UUID jobId, String token, String error, boolean retry) {}
