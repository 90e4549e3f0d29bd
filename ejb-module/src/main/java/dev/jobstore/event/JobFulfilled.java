package dev.jobstore.event;

import java.util.UUID;

/** A job was fulfilled and its value stored (fired after commit). */
public record JobFulfilled(UUID jobId, String queue, String contentType) {}
