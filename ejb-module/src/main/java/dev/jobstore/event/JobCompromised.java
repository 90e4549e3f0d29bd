package dev.jobstore.event;

import java.util.UUID;

/**
 * The lease identified by {@code token} was taken from its holder (fired after commit): it
 * expired, or an admin cancelled or removed the job. The holder is fenced off from then on.
 */
public record JobCompromised(UUID jobId, String queue, String token, String reason) {}
