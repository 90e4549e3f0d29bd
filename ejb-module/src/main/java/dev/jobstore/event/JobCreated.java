package dev.jobstore.event;

import java.util.UUID;

/** A job was created (fired after commit). */
public record JobCreated(UUID jobId, String queue) {}
