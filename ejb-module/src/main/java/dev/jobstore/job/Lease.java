package dev.jobstore.job;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;

/**
 * An exclusive, expiring claim on a job: who holds it, the secret token that every write by
 * the holder must carry, and when it runs out. Every grant has a new token.
 */
@Embeddable
public class Lease {

    @Column(name = "lease_owner", length = 200)
    private String owner;

    @Column(name = "lease_token", length = 64)
    private String token;

    @Column(name = "lease_expires_at")
    private Instant expiresAt;

    protected Lease() {}

    private Lease(String owner, String token, Instant expiresAt) {
        this.owner = owner;
        this.token = token;
        this.expiresAt = expiresAt;
    }

    /** A new lease for {@code owner} with a fresh random token. */
    public static Lease grant(String owner, Instant expiresAt) {
        return new Lease(owner, UUID.randomUUID().toString(), expiresAt);
    }

    /** A lease as a storage statement read it back from the database. */
    public static Lease of(String owner, String token, Instant expiresAt) {
        return new Lease(owner, token, expiresAt);
    }

    /** The same lease (owner and token) running until {@code newExpiry}. */
    public Lease extendedTo(Instant newExpiry) {
        return new Lease(owner, token, newExpiry);
    }

    /** Whether {@code candidate} is this lease's token (compared in constant time). */
    public boolean isToken(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** Throws {@link LeaseLostException} unless {@code token} holds this lease at {@code now}. */
    public void requireHeldBy(UUID jobId, String token, Instant now) {
        if (!isToken(token)) {
            throw new LeaseLostException(jobId, "the token is not the job's current lease");
        }
        if (isExpiredAt(now)) {
            throw new LeaseLostException(jobId, "the lease expired at " + expiresAt);
        }
    }

    /** Whether the lease has run out at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    public String owner() {
        return owner;
    }

    public String token() {
        return token;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
