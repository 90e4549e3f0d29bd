package dev.jobstore.job;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * A lease as shown to callers. {@code token} is present only in the answer to the pull that
 * granted it; reading a job never reveals it.
 */
@JsonbPropertyOrder({"owner", "token", "expiresAt"})
public record LeaseView(String owner, String token, Instant expiresAt) {}
