package dev.jobstore.client;

import java.util.UUID;

/** A job as a create answered it: its id, status, and whether this create made it (not a known key). */
public record CreatedJob(UUID id, String status, boolean isNew) {}
