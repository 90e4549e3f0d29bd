package dev.jobstore.job;

import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the store holds for a job, however it was read: the {@link Job} entity, or a row that a
 * storage statement returned. {@link JobView#of(StoredJob, Instant)} makes the one view of
 * either, so the two ways of reading a job cannot show it differently.
 */
public interface StoredJob {

    UUID id();

    String queue();

    String key();

    JsonValue payload();

    /** The status as stored; callers see {@link JobStatus#effective}. */
    JobStatus storedStatus();

    String reason();

    int priority();

    Instant runAt();

    int attempts();

    int maxAttempts();

    Backoff backoff();

    int releases();

    Progress progress();

    Set<UUID> dependsOn();

    Repeat repeat();

    Integer repeatRun();

    List<Failure> failures();

    /** The current lease, or {@code null} unless RUNNING. */
    Lease lease();

    /**
     * The fencing number of the job's latest lease: one more with every grant (0: never leased).
     * A downstream system that keeps the highest fence it has seen can refuse an older holder.
     */
    long fence();

    /** The producer's W3C trace context, or {@code null}. */
    String traceparent();

    long version();

    Instant createdAt();

    Instant updatedAt();

    Instant finishedAt();
}
