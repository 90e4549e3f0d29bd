package dev.jobstore.job;

import java.util.UUID;

/** A value handed in by a lease holder, already checked (size, content type), to store if its token still holds. */
public record CheckedFulfillment(UUID jobId, String token, StoredResult result) {}
