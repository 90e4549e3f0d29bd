package dev.jobstore.storage;

import dev.jobstore.job.Backoff;
import dev.jobstore.job.Failure;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JsonValueConverter;
import dev.jobstore.job.Lease;
import dev.jobstore.job.Progress;
import dev.jobstore.job.Repeat;
import dev.jobstore.job.StoredJob;
import jakarta.json.JsonValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A job row as a claim statement returned it, read without the entity: claims are the hottest
 * read, and loading entities cost more than the claim itself. The view is made from it as
 * from the entity ({@link dev.jobstore.job.JobView#granted}). A row with failures or
 * dependencies has collections to load, so the caller reads that rare job through its entity.
 */
record ClaimedRow(
        UUID id,
        String queue,
        String key,
        JsonValue payload,
        JobStatus storedStatus,
        String reason,
        int priority,
        Instant runAt,
        int attempts,
        int maxAttempts,
        Backoff backoff,
        int releases,
        Progress progress,
        Repeat repeat,
        Integer repeatRun,
        Lease lease,
        long fence,
        String traceparent,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        boolean hasCollections)
        implements StoredJob {

    /** The columns {@link #read} reads, for the statement's RETURNING. */
    static final String COLUMNS = """
            id, queue, job_key, payload, status, reason, priority, run_at, attempts, max_attempts, backoff_initial_ms,
            backoff_multiplier, backoff_max_ms, releases, progress_completed, progress_total, repeat_every_ms, repeat_cron,
            repeat_times, repeat_run, lease_owner, lease_token, lease_expires_at, lease_fence, version, created_at, updated_at,
            finished_at, failure_count, dependency_count, traceparent""";

    static ClaimedRow read(ResultSet row) throws SQLException {
        long completed = row.getLong("progress_completed");
        Progress progress = row.wasNull() ? null : new Progress(completed, row.getLong("progress_total"));
        return new ClaimedRow(
                row.getObject("id", UUID.class),
                row.getString("queue"),
                row.getString("job_key"),
                JsonValueConverter.parse(row.getString("payload")),
                JobStatus.valueOf(row.getString("status")),
                row.getString("reason"),
                row.getInt("priority"),
                instant(row, "run_at"),
                row.getInt("attempts"),
                row.getInt("max_attempts"),
                Backoff.ofColumns(
                        row.getLong("backoff_initial_ms"),
                        row.getDouble("backoff_multiplier"),
                        row.getLong("backoff_max_ms")),
                row.getInt("releases"),
                progress,
                Repeat.ofColumns((Long) row.getObject("repeat_every_ms"), row.getString("repeat_cron"), (Integer)
                        row.getObject("repeat_times")),
                (Integer) row.getObject("repeat_run"),
                Lease.of(row.getString("lease_owner"), row.getString("lease_token"), instant(row, "lease_expires_at")),
                row.getLong("lease_fence"),
                row.getString("traceparent"),
                row.getLong("version"),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                instant(row, "finished_at"),
                row.getInt("failure_count") > 0 || row.getInt("dependency_count") > 0);
    }

    /** Only rows without collections are read this way (see {@link #hasCollections}). */
    @Override
    public Set<UUID> dependsOn() {
        return Set.of();
    }

    @Override
    public List<Failure> failures() {
        return List.of();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
