package dev.jobstore.job;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a job is in its life. FULFILLED, FAILED and CANCELLED are final. */
public enum JobStatus {
    /** Not claimable yet: its {@code runAt} is ahead, or a dependency is not FULFILLED. */
    WAITING,
    /** Claimable now. */
    PENDING,
    /** A worker holds a lease on it. */
    RUNNING,
    /** Done; its value is stored. */
    FULFILLED,
    /** Out of attempts, or failed without retry. */
    FAILED,
    /** Stopped by an admin, or because a dependency failed or was cancelled. */
    CANCELLED,
    /** Held back by an admin until resumed. */
    PAUSED;

    /**
     * The status callers see for a job stored as {@code stored}: a PENDING job whose {@code
     * runAt} is ahead reads as WAITING, so it becomes claimable exactly at {@code runAt} with
     * no sweep to promote it. {@link #jpql} is the same rule for queries.
     */
    public static JobStatus effective(JobStatus stored, Instant runAt, Instant now) {
        return stored == PENDING && runAt.isAfter(now) ? WAITING : stored;
    }

    /**
     * A JPQL condition on the job {@code alias} that holds exactly when its effective status is
     * this one; it binds {@code :now} when {@link #dependsOnTime}. The stored status is a
     * literal: PostgreSQL's generic plans can use a partial index "where status = 'PENDING'"
     * only then.
     */
    public String jpql(String alias) {
        String stored = alias + ".status = dev.jobstore.job.JobStatus.";
        return switch (this) {
            case WAITING -> "(" + stored + "PENDING and " + alias + ".runAt > :now or " + stored + "WAITING)";
            case PENDING -> "(" + stored + "PENDING and " + alias + ".runAt <= :now)";
            default -> stored + name();
        };
    }

    /** Whether {@link #jpql} reads the time ({@code :now}). */
    public boolean dependsOnTime() {
        return this == WAITING || this == PENDING;
    }

    public boolean isFinal() {
        return this == FULFILLED || this == FAILED || this == CANCELLED;
    }

    /** Parses a status name case-insensitively, naming the valid ones when it is unknown. */
    public static JobStatus parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status '" + name + "' is unknown; use one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
