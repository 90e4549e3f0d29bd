package dev.jobstore.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.UUID;

/**
 * A job this worker holds a lease on, as its handler sees it. The fence grows with every lease
 * of the job: send it with writes to other systems so they can refuse an older holder's.
 */
public final class LeasedJob {

    private final UUID id;
    private final JsonValue payload;
    private final int attempt;
    private final String token;
    private final long fence;
    private volatile Instant expiresAt;
    private volatile boolean compromised;
    /** Its answer (fulfill, fail, release) is on its way: a heartbeat refused from now on means nothing. */
    private volatile boolean answered;

    private LeasedJob(UUID id, JsonValue payload, int attempt, String token, long fence, Instant expiresAt) {
        this.id = id;
        this.payload = payload;
        this.attempt = attempt;
        this.token = token;
        this.fence = fence;
        this.expiresAt = expiresAt;
    }

    /** A job as a pull answered it. */
    static LeasedJob of(JsonObject pulled) {
        JsonObject lease = pulled.getJsonObject("lease");
        return new LeasedJob(
                UUID.fromString(pulled.getString("id")),
                pulled.get("payload"),
                pulled.getInt("attempts"),
                lease.getString("token"),
                lease.getJsonNumber("fence").longValue(),
                Instant.parse(lease.getString("expiresAt")));
    }

    public UUID id() {
        return id;
    }

    public JsonValue payload() {
        return payload;
    }

    /** Which attempt this is: 1 for the first. */
    public int attempt() {
        return attempt;
    }

    public String token() {
        return token;
    }

    public long fence() {
        return fence;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** Whether the lease was lost (a heartbeat was refused): the handler's work will not be stored. */
    public boolean isCompromised() {
        return compromised;
    }

    void extendedTo(Instant newExpiry) {
        expiresAt = newExpiry;
    }

    void compromise() {
        compromised = true;
    }

    void answer() {
        answered = true;
    }

    boolean isAnswered() {
        return answered;
    }

    @Override
    public String toString() {
        return "job " + id + " (attempt " + attempt + ", fence " + fence + ")";
    }
}
