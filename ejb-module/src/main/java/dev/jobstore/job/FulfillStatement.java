package dev.jobstore.job;

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
 * JSON value stored, only while the given token holds its unexpired lease ({@link Job#fulfill}'s
 * check). Repeating jobs are left out, since a follow-up run is made from the entity. The jobs
 * it leaves alone go the entity way, which tells why they cannot be fulfilled. It also tells
 * which fulfilled jobs have dependents or pending notification targets, so that the common
 * job with neither costs no further query.
 */
final class FulfillStatement {

    private static final String SQL = """
            with fulfilled as (
                update job j set status = 'FULFILLED', lease_owner = null, lease_token = null,
                    lease_expires_at = null, finished_at = ?, updated_at = ?, version = j.version + 1
                from unnest(?, ?, ?) as f(id, token, content)
                where j.id = any(?) and j.id = f.id and j.status = 'RUNNING' and j.lease_token = f.token and j.lease_expires_at > ?
                    and j.repeat_every_ms is null and j.repeat_cron is null
                returning j.id, j.queue, f.content),
            stored as (
                insert into job_result (job_id, content_type, content)
                select id, 'application/json', content from fulfilled)
            select id, queue,
                exists (select 1 from job_dependency d where d.depends_on = fulfilled.id),
                exists (select 1 from job_target t where t.job_id = fulfilled.id and t.state = 'PENDING')
            from fulfilled""";

    /** A job the statement fulfilled. */
    record Fulfilled(UUID id, String queue, boolean hasDependents, boolean hasPendingTargets) {
    }

    // PostgreSQL orders uuids by their bytes, unsigned: the order every group locks its rows in.
    private static final Comparator<UUID> DATABASE_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private FulfillStatement() {
    }

    /**
     * Fulfills what it can of {@code group} at {@code now} with the JSON values of {@code
     * results}; answers the jobs it fulfilled by id.
     */
    static Map<UUID, Fulfilled> fulfill(EntityManager em, List<Fulfillment> group, Map<UUID, StoredResult> results,
                                        Instant now) {
        em.flush(); // the statement bypasses the persistence context: it must see this transaction's changes
        return em.unwrap(Session.class).doReturningWork(connection -> run(connection, group, results, now));
    }

    private static Map<UUID, Fulfilled> run(Connection connection, List<Fulfillment> unordered,
                                            Map<UUID, StoredResult> results, Instant now) throws SQLException {
        List<Fulfillment> group = unordered.stream().sorted(Comparator.comparing(Fulfillment::jobId, DATABASE_ORDER)).toList();
        Array ids = connection.createArrayOf("uuid", group.stream().map(Fulfillment::jobId).toArray());
        Array tokens = connection.createArrayOf("varchar", group.stream().map(Fulfillment::token).toArray());
        Array values = connection.createArrayOf("bytea",
                group.stream().map(f -> results.get(f.jobId()).content()).toArray(byte[][]::new));
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setObject(1, at);
            statement.setObject(2, at);
            statement.setArray(3, ids);
            statement.setArray(4, tokens);
            statement.setArray(5, values);
            statement.setArray(6, ids); // lets the plan find the rows by primary key
            statement.setObject(7, at);
            Map<UUID, Fulfilled> fulfilled = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    fulfilled.put(id, new Fulfilled(id, rows.getString(2), rows.getBoolean(3), rows.getBoolean(4)));
                }
            }
            return fulfilled;
        } finally {
            ids.free();
            tokens.free();
            values.free();
        }
    }
}
