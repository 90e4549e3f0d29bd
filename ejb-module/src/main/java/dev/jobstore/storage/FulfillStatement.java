package dev.jobstore.storage;

import dev.jobstore.job.CheckedFulfillment;
import dev.jobstore.job.JobOrder;
import dev.jobstore.storage.FulfillOutcome.Fulfilled;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * A fulfill group on PostgreSQL in one statement, fenced per job: a job is fulfilled, and its
 * value stored, only while the given token holds its unexpired lease ({@link
 * dev.jobstore.job.Job#fulfill}'s check). Repeating jobs are left out, since their next run is
 * made from the entity; so are the jobs it cannot fulfill, which the entity way then refuses
 * with the reason. It also tells which fulfilled jobs have dependents or pending notification
 * targets, so that the common job with neither costs no further query.
 */
final class FulfillStatement {

    private static final String SQL = """
            with fulfilled as (
                update job j set status = 'FULFILLED', lease_owner = null, lease_token = null,
                    lease_expires_at = null, finished_at = ?, updated_at = ?, version = j.version + 1
                from unnest(?, ?, ?, ?) as f(id, token, content_type, content)
                where j.id = any(?) and j.id = f.id and j.status = 'RUNNING' and j.lease_token = f.token and j.lease_expires_at > ?
                    and j.repeat_every_ms is null and j.repeat_cron is null
                returning j.id, j.queue, f.content_type, f.content),
            stored as (
                insert into job_result (job_id, content_type, content)
                select id, content_type, content from fulfilled)
            select id, queue, content_type,
                exists (select 1 from job_dependency d where d.depends_on = fulfilled.id),
                exists (select 1 from job_target t where t.job_id = fulfilled.id and t.state = 'PENDING')
            from fulfilled""";

    private FulfillStatement() {}

    /** Fulfills what it can of {@code group} at {@code now}; answers the jobs it fulfilled by id. */
    static Map<UUID, Fulfilled> fulfill(EntityManager em, List<CheckedFulfillment> group, Instant now) {
        em.flush(); // the statement bypasses the persistence context: it must see this transaction's changes
        return em.unwrap(Session.class).doReturningWork(connection -> run(connection, group, now));
    }

    private static Map<UUID, Fulfilled> run(Connection connection, List<CheckedFulfillment> unordered, Instant now)
            throws SQLException {
        List<CheckedFulfillment> group = unordered.stream()
                .sorted(Comparator.comparing(CheckedFulfillment::jobId, JobOrder.IDS))
                .toList();
        Array ids = connection.createArrayOf(
                "uuid", group.stream().map(CheckedFulfillment::jobId).toArray());
        Array tokens = connection.createArrayOf(
                "varchar", group.stream().map(CheckedFulfillment::token).toArray());
        Array types = connection.createArrayOf(
                "varchar", group.stream().map(f -> f.result().contentType()).toArray());
        Array values = connection.createArrayOf(
                "bytea", group.stream().map(f -> f.result().content()).toArray(byte[][]::new));
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setObject(1, at);
            statement.setObject(2, at);
            statement.setArray(3, ids);
            statement.setArray(4, tokens);
            statement.setArray(5, types);
            statement.setArray(6, values);
            statement.setArray(7, ids); // lets the plan find the rows by primary key
            statement.setObject(8, at);
            Map<UUID, Fulfilled> fulfilled = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    fulfilled.put(
                            id,
                            new Fulfilled(
                                    id,
                                    rows.getString(2),
                                    rows.getString(3),
                                    rows.getBoolean(4),
                                    rows.getBoolean(5),
                                    null));
                }
            }
            return fulfilled;
        } finally {
            ids.free();
            tokens.free();
            types.free();
            values.free();
        }
    }
}
