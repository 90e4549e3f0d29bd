package dev.jobstore.job;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * A lease as shown to callers. {@code token} is present only in the answer to the pull that
 * granted it; reading a job never reveals it. {@code fence} is the grant's fencing number (see
 * {@link StoredJob#fence}): unlike the token, it is no secret.
 */
@JsonbPropertyOrder({"owner", "token", "fence", "expiresAt"})
public record LeaseView(String owner, String token, long fence, Instant expiresAt) {}
