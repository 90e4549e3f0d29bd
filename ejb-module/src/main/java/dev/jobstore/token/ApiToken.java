package dev.jobstore.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An issued token: what it may do, and the SHA-256 of its secret (never the secret). */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    private UUID id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "secret_hash", nullable = false, length = 64, unique = true)
    private String secretHash;

    /** Comma-separated role names. */
    @Column(nullable = false, length = 200)
    private String roles;

    /** Comma-separated queue patterns; null when the token may use every queue. */
    @Column(length = 2000)
    private String queues;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    protected ApiToken() {}

    ApiToken(NewToken request, String secretHash, Instant now, String createdBy) {
        this.id = UUID.randomUUID();
        this.name = request.name();
        this.secretHash = secretHash;
        this.roles = String.join(",", request.roles());
        this.queues = request.queuesOrEmpty().isEmpty() ? null : String.join(",", request.queuesOrEmpty());
        this.expiresAt = request.expiresAt();
        this.createdAt = now;
        this.createdBy = createdBy;
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    List<String> roleList() {
        return List.of(roles.split(","));
    }

    List<String> queueList() {
        return queues == null ? List.of() : Arrays.asList(queues.split(","));
    }

    TokenView view() {
        return new TokenView(id, name, roleList(), queueList(), expiresAt, createdAt, createdBy, null);
    }

    String name() {
        return name;
    }
}
