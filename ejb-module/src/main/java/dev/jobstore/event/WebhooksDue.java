package dev.jobstore.event;

import java.util.List;
import java.util.UUID;

/** Webhook targets became due (fired after commit); the built-in deliverer tries them at once. */
public record WebhooksDue(List<UUID> targetIds) {}
