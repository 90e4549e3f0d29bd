package dev.jobstore.notification;

import dev.jobstore.job.Backoff;
import dev.jobstore.job.JsonValueConverter;
import dev.jobstore.job.TargetState;
import dev.jobstore.job.TargetView;
import dev.jobstore.job.TransitionNotAllowedException;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Someone to tell about a job's value. Targets are kept per job and collapse by their canonical
 * JSON. A webhook target ({@code {"url": "http(s)://…"}}) is delivered by the server; its id is
 * the delivery id the receiver sees on every attempt.
 */
@Entity
@Table(
        name = "job_target",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "uk_job_target",
                        columnNames = {"job_id", "target_hash"}),
        indexes = {
            @Index(name = "ix_target_job", columnList = "job_id, state"),
            @Index(name = "ix_target_due", columnList = "state, webhook, next_attempt_at")
        })
public class NotificationTarget {

    static final int MAX_ERROR_LENGTH = 2000;
    static final int TARGET_COLUMN_LENGTH = 1_048_576;

    @Id
    private UUID id;

    @Column(name = "job_id", nullable = false)
    private UUID jobId;

    @Convert(converter = JsonValueConverter.class)
    @Column(nullable = false, length = TARGET_COLUMN_LENGTH)
    private JsonValue target;

    @Column(name = "target_hash", nullable = false, length = 64)
    private String targetHash;

    @Column(nullable = false)
    private boolean webhook;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TargetState state;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = MAX_ERROR_LENGTH)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Version
    private long version;

    protected NotificationTarget() {}

    static NotificationTarget queue(UUID jobId, JsonValue target, boolean webhook, Instant now) {
        NotificationTarget queued = new NotificationTarget();
        queued.id = UUID.randomUUID();
        queued.jobId = jobId;
        queued.target = CanonicalJson.canonical(target);
        queued.targetHash = CanonicalJson.hash(target);
        queued.webhook = webhook;
        queued.state = TargetState.PENDING;
        queued.nextAttemptAt = webhook ? now : null;
        queued.createdAt = now;
        return queued;
    }

    /** A notifier (or the receiver) reports the target reached. */
    void delivered(Instant now) {
        state = TargetState.DELIVERED;
        deliveredAt = now;
        nextAttemptAt = null;
    }

    /** Whether a webhook attempt may start now. */
    public boolean isWebhookDueAt(Instant now) {
        return webhook && state == TargetState.PENDING && nextAttemptAt != null && !nextAttemptAt.isAfter(now);
    }

    /**
     * Starts a webhook attempt: counts it and holds the target for {@code inFlight}, after which
     * an attempt that never reported back (the server died mid-call) is due again.
     */
    public int startAttempt(Instant now, Duration inFlight) {
        attempts++;
        nextAttemptAt = now.plus(inFlight);
        return attempts;
    }

    /** The webhook receiver took the value. */
    public void webhookDelivered(Instant now) {
        lastError = null;
        delivered(now);
    }

    /**
     * The attempt failed: due again after the backoff, or DEAD once {@code maxAttempts} are
     * used. Returns when it is due again, or {@code null} when it is dead.
     */
    public Instant attemptFailed(String error, Instant now, int maxAttempts, Backoff backoff) {
        lastError = error == null ? "(no error)" : error.substring(0, Math.min(error.length(), MAX_ERROR_LENGTH));
        if (attempts >= maxAttempts) {
            state = TargetState.DEAD;
            nextAttemptAt = null;
            return null;
        }
        nextAttemptAt = now.plus(backoff.delayAfter(attempts));
        return nextAttemptAt;
    }

    /** Gives up at once (e.g. its host is no longer allowed). */
    public void dead(String reason) {
        lastError = reason;
        state = TargetState.DEAD;
        nextAttemptAt = null;
    }

    /** A DEAD webhook gets a fresh round of attempts, the first due at {@code now}. */
    public void retry(Instant now) {
        if (state != TargetState.DEAD) {
            throw new TransitionNotAllowedException(
                    "cannot retry target " + id + " of job " + jobId + ": it is " + state + "; retry applies to DEAD");
        }
        state = TargetState.PENDING;
        attempts = 0;
        nextAttemptAt = now;
    }

    public TargetView view() {
        return new TargetView(
                WebhookTargets.redacted(target), state, webhook, attempts, id, lastError, nextAttemptAt, deliveredAt);
    }

    public UUID id() {
        return id;
    }

    public UUID jobId() {
        return jobId;
    }

    public JsonValue target() {
        return target;
    }

    public String targetHash() {
        return targetHash;
    }

    public TargetState state() {
        return state;
    }
}
