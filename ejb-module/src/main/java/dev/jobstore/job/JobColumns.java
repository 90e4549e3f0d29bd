package dev.jobstore.job;

import jakarta.json.JsonValue;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The columns of a job row and what they read as: the mapping of {@link Job}, kept apart from
 * its state machine. The fields are package-private for {@link Job}'s transitions, the only
 * code that changes them.
 */
@MappedSuperclass
public abstract class JobColumns implements StoredJob {

    /** Room for a payload of the largest configurable limit. */
    static final int PAYLOAD_COLUMN_LENGTH = 10_485_760;

    @Id
    UUID id;

    @Column(nullable = false, length = 100)
    String queue;

    @Column(name = "job_key", length = NewJob.MAX_KEY_LENGTH)
    String key;

    @Convert(converter = JsonValueConverter.class)
    @Column(nullable = false, length = PAYLOAD_COLUMN_LENGTH)
    JsonValue payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    JobStatus status;

    @Column(nullable = false)
    int priority;

    @Column(name = "run_at", nullable = false)
    Instant runAt;

    @Column(nullable = false)
    int attempts;

    @Column(name = "max_attempts", nullable = false)
    int maxAttempts;

    @Column(name = "backoff_initial_ms", nullable = false)
    long backoffInitialMillis;

    @Column(name = "backoff_multiplier", nullable = false)
    double backoffMultiplier;

    @Column(name = "backoff_max_ms", nullable = false)
    long backoffMaxMillis;

    @Column(nullable = false)
    int releases;

    @Embedded
    Lease lease;

    // Outside the lease's columns: the count survives the lease, so the next grant goes on from it.
    @Column(name = "lease_fence", nullable = false)
    long fence;

    // Most jobs never fail and depend on nothing: the counts let them skip loading either
    // collection (a query each) whenever a view of the job is made.
    @Column(name = "failure_count", nullable = false)
    int failureCount;

    @Column(name = "dependency_count", nullable = false)
    int dependencyCount;

    @ElementCollection
    @CollectionTable(name = "job_failure", joinColumns = @JoinColumn(name = "job_id"))
    @OrderColumn(name = "failure_index")
    List<Failure> failures = new ArrayList<>();

    /** Jobs that must be FULFILLED before this one leaves WAITING. */
    @ElementCollection
    @CollectionTable(
            name = "job_dependency",
            joinColumns = @JoinColumn(name = "job_id"),
            indexes = @Index(name = "ix_dependency_target", columnList = "depends_on"))
    @Column(name = "depends_on", nullable = false)
    Set<UUID> dependsOn = new HashSet<>();

    @Embedded
    Progress progress;

    /** Why the job is CANCELLED. */
    @Column(length = 500)
    String reason;

    @Column(name = "repeat_every_ms")
    Long repeatEveryMillis;

    @Column(name = "repeat_cron", length = 200)
    String repeatCron;

    @Column(name = "repeat_times")
    Integer repeatTimes;

    /** The first run of a repeating job (itself for the first run). */
    @Column(name = "repeat_of")
    UUID repeatOf;

    /** Which run of a repeating job this is, from 1. */
    @Column(name = "repeat_run")
    Integer repeatRun;

    /**
     * The W3C trace context of the span that created the job (its producer's trace), or
     * {@code null} when tracing was off: the spans of its handlers and webhooks join that trace.
     */
    @Column(length = 128)
    String traceparent;

    @Version
    long version;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "finished_at")
    Instant finishedAt;

    protected JobColumns() {}

    /** How the job repeats, or {@code null}. */
    @Override
    public Repeat repeat() {
        return Repeat.ofColumns(repeatEveryMillis, repeatCron, repeatTimes);
    }

    @Override
    public Backoff backoff() {
        return Backoff.ofColumns(backoffInitialMillis, backoffMultiplier, backoffMaxMillis);
    }

    public UUID id() {
        return id;
    }

    public String queue() {
        return queue;
    }

    public String key() {
        return key;
    }

    public JsonValue payload() {
        return payload;
    }

    public int priority() {
        return priority;
    }

    public Instant runAt() {
        return runAt;
    }

    public int attempts() {
        return attempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public int releases() {
        return releases;
    }

    /** The current lease, or {@code null} unless RUNNING. */
    public Lease lease() {
        return lease;
    }

    public long fence() {
        return fence;
    }

    public List<Failure> failures() {
        return failureCount == 0 ? List.of() : List.copyOf(failures);
    }

    public Set<UUID> dependsOn() {
        return dependencyCount == 0 ? Set.of() : Set.copyOf(dependsOn);
    }

    public Progress progress() {
        return progress;
    }

    public String reason() {
        return reason;
    }

    public Integer repeatRun() {
        return repeatRun;
    }

    public String traceparent() {
        return traceparent;
    }

    public JobStatus storedStatus() {
        return status;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
