package dev.jobstore.it.support;

import dev.jobstore.batch.BatchExecutionView;
import dev.jobstore.batch.BatchOperations;
import dev.jobstore.control.JobControl;
import dev.jobstore.job.NewJob;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Jobs in each final status, finished as long ago as a test needs (their finish time is moved
 * back in the database), and waiting for batch executions: for the retention tests.
 */
public final class FinishedJobs {

    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private final JobStore store;
    private final JobControl control;
    private final DataSource dataSource;

    public FinishedJobs(JobStore store, JobControl control, DataSource dataSource) {
        this.store = store;
        this.control = control;
        this.dataSource = dataSource;
    }

    public UUID fulfilled(String queue, Duration ago) {
        return fulfilled(queue, NewJob.of(Json.createValue("work")), ago);
    }

    public UUID fulfilled(String queue, NewJob job, Duration ago) {
        store.create(queue, job);
        JobLease lease = store.pullWork(queue, "retention-test").orElseThrow();
        lease.fulfill(
                Json.createObjectBuilder().add("done", lease.jobId().toString()).build());
        return finishedAgo(lease.jobId(), ago);
    }

    public UUID failed(String queue, Duration ago) {
        store.create(queue, NewJob.of(JsonValue.TRUE).withMaxAttempts(1));
        JobLease lease = store.pullWork(queue, "retention-test").orElseThrow();
        lease.fail("it broke", false);
        return finishedAgo(lease.jobId(), ago);
    }

    public UUID cancelled(String queue, Duration ago) {
        UUID id = store.create(queue, NewJob.of(JsonValue.FALSE)).job().id();
        control.cancel(id);
        return finishedAgo(id, ago);
    }

    public UUID finishedAgo(UUID id, Duration ago) {
        if (update(
                        "update job set finished_at = ? where id = ?",
                        Timestamp.from(Instant.now().minus(ago)),
                        id)
                != 1) {
            throw new IllegalStateException("no job " + id);
        }
        return id;
    }

    /** Moves the finish of every job of {@code queue} back. */
    public void finishedAgo(String queue, Duration ago) {
        update(
                "update job set finished_at = ? where queue = ?",
                Timestamp.from(Instant.now().minus(ago)),
                queue);
    }

    /** Rows about {@code id} in {@code table} (its key column is {@code column}). */
    public long rows(String table, String column, UUID id) {
        return count("select count(*) from " + table + " where " + column + " = ?", id);
    }

    /** The count a {@code select count(*)} with these parameters answers. */
    public long count(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                count.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean exists(UUID id) {
        return rows("job", "id", id) == 1;
    }

    /** Moves a job's lease into the past, as if its holder had stopped heartbeating long ago. */
    public void expireLease(UUID id) {
        update(
                "update job set lease_expires_at = ? where id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofMinutes(5))),
                id);
    }

    private int update(String sql, Timestamp at, Object key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setTimestamp(1, at);
            update.setObject(2, key);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the execution has ended, and answers it. */
    public static BatchExecutionView ended(BatchOperations batch, long execution) {
        return Await.until(
                "batch execution " + execution + " to end",
                Duration.ofSeconds(60),
                () -> batch.execution(execution),
                view -> ENDED.contains(view.status()));
    }

    /** The executions of {@code job} that ran under {@code lease}'s job, newest first. */
    public static List<BatchExecutionView> leasedBy(BatchOperations batch, String job, UUID leased) {
        return batch.executions(job, BatchOperations.MAX_LIMIT).stream()
                .filter(execution -> leased.equals(execution.leasedBy()))
                .toList();
    }
}
