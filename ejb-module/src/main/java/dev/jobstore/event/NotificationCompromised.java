package dev.jobstore.event;

import java.util.UUID;

/**
 * The notification lease identified by {@code token} was taken from its notifier (fired after
 * commit): it expired. Its {@code done} will be refused; the targets go to the next notifier.
 */
public record NotificationCompromised(UUID jobId, String token, String reason) {}
