package dev.jobstore.token;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An issued token as admins see it. {@code secret} is null, and so left out of the JSON, except
 * in the answer that issues the token: the only time the secret is ever shown.
 */
@JsonbPropertyOrder({"id", "name", "roles", "queues", "expiresAt", "createdAt", "createdBy", "secret"})
public record TokenView(
        UUID id,
        String name,
        List<String> roles,
        List<String> queues,
        Instant expiresAt,
        Instant createdAt,
        String createdBy,
        String secret) {

    TokenView withSecret(String value) {
        return new TokenView(id, name, roles, queues, expiresAt, createdAt, createdBy, value);
    }
}
