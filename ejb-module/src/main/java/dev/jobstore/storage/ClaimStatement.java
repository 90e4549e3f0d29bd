package dev.jobstore.storage;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/**
 * A claim on PostgreSQL in one statement: picks the best claimable jobs of an unpaused queue
 * with {@code FOR UPDATE SKIP LOCKED} and grants their leases ({@code UPDATE … RETURNING}, a
 * fresh token per row from {@code gen_random_uuid()}), as {@link PortableStorage#claim} does
 * through the entities; {@code StorageContractIT} holds the two to the same behaviour.
 */
final class ClaimStatement {

    // The pause check is an InitPlan, evaluated once. "id = any(array(…))" keeps the plan on the
    // primary key: with "id in (…)" a generic plan cannot tell that the subquery yields only a
    // few rows, and joins it to a scan of the whole table. The status is a literal so that
    // generic plans can use the partial index of PENDING jobs.
    private static final String SQL = """
            update job set status = 'RUNNING', attempts = attempts + 1, lease_fence = lease_fence + 1, lease_owner = ?,
                lease_token = gen_random_uuid()::text, lease_expires_at = ?, updated_at = ?, version = version + 1
            where id = any(array(
                select id from job where queue = ? and status = 'PENDING' and run_at <= ?
                    and not exists (select 1 from job_queue q where q.name = ? and q.paused)
                order by priority desc, created_at, id limit ? for update skip locked))
            returning\s""" + ClaimedRow.COLUMNS;

    private ClaimStatement() {}

    /** The rows claimed, in no particular order. */
    static List<ClaimedRow> claim(
            EntityManager em, String queue, String worker, int max, Instant now, Instant expiresAt) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<ClaimedRow> rows = new ArrayList<>();
            try (PreparedStatement claim = connection.prepareStatement(SQL)) {
                claim.setString(1, worker);
                claim.setObject(2, expiresAt.atOffset(ZoneOffset.UTC));
                claim.setObject(3, now.atOffset(ZoneOffset.UTC));
                claim.setString(4, queue);
                claim.setObject(5, now.atOffset(ZoneOffset.UTC));
                claim.setString(6, queue);
                claim.setInt(7, max);
                try (ResultSet result = claim.executeQuery()) {
                    while (result.next()) {
                        rows.add(ClaimedRow.read(result));
                    }
                }
            }
            return rows;
        });
    }
}
