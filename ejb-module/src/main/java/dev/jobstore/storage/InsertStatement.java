package dev.jobstore.storage;

import dev.jobstore.job.Job;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * Inserts a batch of new plain jobs on PostgreSQL in one statement, one array per column:
 * the entity way binds and sends every column of every job one by one, which made a batch
 * create spend half its time in the flush. Only plain jobs ({@link dev.jobstore.job.NewJob#isPlain})
 * come here. The values come from the entities {@link Job#create} built, so both ways
 * write the same job; the columns left out keep their defaults (null, or 0 for the counts).
 */
final class InsertStatement {

    private static final String SQL = """
            insert into job (id, queue, payload, status, priority, run_at, attempts, max_attempts, backoff_initial_ms,
                backoff_multiplier, backoff_max_ms, releases, version, created_at, updated_at, traceparent)
            select * from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** The insert and the announcement in one statement: a data-modifying WITH always runs to completion. */
    private static final String SQL_ANNOUNCING =
            "with inserted as (" + SQL + ") select pg_notify('" + ClusterListener.PG_CHANNEL + "', ?)";

    private InsertStatement() {}

    /**
     * Inserts {@code jobs}, new entities never persisted, which the caller keeps out of the
     * persistence context; and notifies {@code message} to the other nodes, unless it is null.
     */
    static void insertAll(EntityManager em, List<Job> jobs, String message) {
        em.unwrap(Session.class).doWork(connection -> run(connection, jobs, message));
    }

    private static void run(Connection connection, List<Job> jobs, String message) throws SQLException {
        Array[] columns = {
            array(connection, "uuid", jobs, Job::id),
            array(connection, "varchar", jobs, Job::queue),
            array(connection, "varchar", jobs, job -> job.payload().toString()),
            array(connection, "varchar", jobs, job -> job.storedStatus().name()),
            array(connection, "int4", jobs, Job::priority),
            array(connection, "timestamptz", jobs, job -> job.runAt().toString()),
            array(connection, "int4", jobs, Job::attempts),
            array(connection, "int4", jobs, Job::maxAttempts),
            array(connection, "int8", jobs, job -> job.backoff().initial().toMillis()),
            array(connection, "float8", jobs, job -> job.backoff().multiplier()),
            array(connection, "int8", jobs, job -> job.backoff().max().toMillis()),
            array(connection, "int4", jobs, Job::releases),
            array(connection, "int8", jobs, Job::version),
            array(connection, "timestamptz", jobs, job -> job.createdAt().toString()),
            array(connection, "timestamptz", jobs, job -> job.updatedAt().toString()),
            array(connection, "varchar", jobs, Job::traceparent),
        };
        try (PreparedStatement insert = connection.prepareStatement(message == null ? SQL : SQL_ANNOUNCING)) {
            for (int i = 0; i < columns.length; i++) {
                insert.setArray(i + 1, columns[i]);
            }
            if (message == null) {
                insert.executeUpdate();
            } else {
                insert.setString(columns.length + 1, message);
                insert.executeQuery().close();
            }
        } finally {
            for (Array column : columns) {
                column.free();
            }
        }
    }

    private static Array array(Connection connection, String type, List<Job> jobs, Function<Job, Object> column)
            throws SQLException {
        return connection.createArrayOf(type, jobs.stream().map(column).toArray());
    }
}
