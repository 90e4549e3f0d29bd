package dev.jobstore.job;

import dev.jobstore.lease.LeaseView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A job row just leased by a claim statement, read straight into the view its worker gets
 * ({@link JobView#granted}, without the entity): claims are the hottest read, and loading
 * entities cost more than the claim itself. A row with failures or dependencies has
 * collections to load, so the caller reads that rare job through its entity instead. It
 * mirrors {@link JobView#of(Job, Instant)}: a column added to the view goes in both.
 */
public final class GrantedRow {

    /** The columns {@link #view} reads, for the statement's RETURNING. */
    public static final String COLUMNS = """
            id, queue, job_key, payload, status, reason, priority, run_at, attempts, max_attempts, backoff_initial_ms,
            backoff_multiplier, backoff_max_ms, releases, progress_completed, progress_total, repeat_every_ms, repeat_cron,
            repeat_times, repeat_run, lease_owner, lease_token, lease_expires_at, version, created_at, updated_at,
            finished_at, failure_count, dependency_count""";

    private GrantedRow() {
    }

    /** Whether the row's job has failures or dependencies, which {@link #view} cannot show. */
    public static boolean hasCollections(ResultSet row) throws SQLException {
        return row.getInt("failure_count") > 0 || row.getInt("dependency_count") > 0;
    }

    public static UUID id(ResultSet row) throws SQLException {
        return row.getObject("id", UUID.class);
    }

    /** The granted view of the current row, as {@link JobView#granted} makes it from the entity. */
    public static JobView view(ResultSet row, Instant now) throws SQLException {
        JobStatus stored = JobStatus.valueOf(row.getString("status"));
        Instant runAt = instant(row, "run_at");
        JobStatus status = stored == JobStatus.PENDING && runAt.isAfter(now) ? JobStatus.WAITING : stored;
        long completed = row.getLong("progress_completed");
        Progress progress = row.wasNull() ? null : new Progress(completed, row.getLong("progress_total"));
        Long everyMillis = (Long) row.getObject("repeat_every_ms");
        String cron = row.getString("repeat_cron");
        Repeat repeat = everyMillis == null && cron == null ? null
                : new Repeat(everyMillis == null ? null : Duration.ofMillis(everyMillis), cron, (Integer) row.getObject("repeat_times"));
        return new JobView(id(row), row.getString("queue"), row.getString("job_key"),
                JsonValueConverter.parse(row.getString("payload")), status, row.getString("reason"),
                row.getInt("priority"), runAt, row.getInt("attempts"), row.getInt("max_attempts"),
                new Backoff(Duration.ofMillis(row.getLong("backoff_initial_ms")), row.getDouble("backoff_multiplier"),
                        Duration.ofMillis(row.getLong("backoff_max_ms"))),
                row.getInt("releases"), progress, null, repeat, (Integer) row.getObject("repeat_run"), List.of(),
                new LeaseView(row.getString("lease_owner"), row.getString("lease_token"), instant(row, "lease_expires_at")),
                null, row.getLong("version"), instant(row, "created_at"), instant(row, "updated_at"),
                instant(row, "finished_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
