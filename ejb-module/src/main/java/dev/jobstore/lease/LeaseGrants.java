package dev.jobstore.lease;

import dev.jobstore.job.GrantedRow;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobView;
import dev.jobstore.queue.Queues;
import dev.jobstore.schema.DatabaseVendor;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Grants leases: one transaction that picks the best claimable jobs of a queue and leases them.
 *
 * <p>The pick locks its rows with {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers, on
 * this node or another, never wait for each other and never get the same job. On H2,
 * Hibernate renders a plain {@code FOR UPDATE}, which is the right thing there: H2 applies the
 * row limit before skipping locked rows (a second claimer would get nothing while work
 * remains), whereas its blocking {@code FOR UPDATE} re-evaluates the condition once the lock
 * is free and returns the next rows. Claimers queue briefly; none gets a job twice.
 *
 * <p>On PostgreSQL the pick and the grant are one statement ({@code UPDATE … RETURNING}, a
 * fresh token per row from {@code gen_random_uuid()}) whose rows are read straight into views:
 * no entity is loaded or flushed. Elsewhere the entities take the grant.
 */
@Stateless
public class LeaseGrants {

    /** Hibernate's lock-timeout value for SKIP LOCKED ({@code LockOptions.SKIP_LOCKED}). */
    public static final int SKIP_LOCKED = -2;

    // The status is a literal, not a parameter: PostgreSQL's generic plans (which prepared
    // statements switch to) can use the partial index "where status = 'PENDING'" only then.
    private static final String CLAIMABLE = """
            select j from Job j
            where j.queue = :queue and j.status = dev.jobstore.job.JobStatus.PENDING and j.runAt <= :now
            order by j.priority desc, j.createdAt, j.id""";

    // The same rows, filter and order as CLAIMABLE, and what Job.grantLease and Lease.grant
    // write, with the pause check folded in (an InitPlan, evaluated once). "id = any(array(…))"
    // keeps the plan on the primary key: with "id in (…)" a generic plan cannot tell that the
    // subquery yields only a few rows, and joins it to a scan of the whole table.
    private static final String CLAIM_IN_ONE_STATEMENT = """
            update job set status = 'RUNNING', attempts = attempts + 1, lease_owner = ?,
                lease_token = gen_random_uuid()::text, lease_expires_at = ?, updated_at = ?, version = version + 1
            where id = any(array(
                select id from job where queue = ? and status = 'PENDING' and run_at <= ?
                    and not exists (select 1 from job_queue q where q.name = ? and q.paused)
                order by priority desc, created_at, id limit ? for update skip locked))
            """ + " returning " + GrantedRow.COLUMNS;

    private static final Comparator<JobView> CLAIM_ORDER = Comparator.comparingInt(JobView::priority).reversed()
            .thenComparing(JobView::createdAt).thenComparing(view -> view.id().toString());

    @PersistenceContext
    EntityManager em;

    @Inject
    DatabaseVendor vendor;

    @Inject
    Clock clock;

    @Inject
    Queues queues;

    /** Leases up to {@code max} claimable jobs of {@code queue} to {@code worker}. */
    public List<JobView> grant(String queue, String worker, int max, Duration length) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(length);
        if (vendor.isPostgresql()) {
            return grantInOneStatement(queue, worker, max, now, expiresAt);
        }
        if (queues.isPaused(queue)) {
            return List.of();
        }
        return grantByEntities(queue, worker, max, now, expiresAt).stream().map(job -> JobView.granted(job, now)).toList();
    }

    private List<JobView> grantInOneStatement(String queue, String worker, int max, Instant now, Instant expiresAt) {
        List<JobView> views = new ArrayList<>();
        List<UUID> withCollections = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement claim = connection.prepareStatement(CLAIM_IN_ONE_STATEMENT)) {
                claim.setString(1, worker);
                claim.setObject(2, expiresAt.atOffset(ZoneOffset.UTC));
                claim.setObject(3, now.atOffset(ZoneOffset.UTC));
                claim.setString(4, queue);
                claim.setObject(5, now.atOffset(ZoneOffset.UTC));
                claim.setString(6, queue);
                claim.setInt(7, max);
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        if (GrantedRow.hasCollections(rows)) {
                            withCollections.add(GrantedRow.id(rows));
                        } else {
                            views.add(GrantedRow.view(rows, now));
                        }
                    }
                }
            }
        });
        // Loaded after the statement's work is done: Hibernate lets go of the connection after each of its own.
        withCollections.forEach(id -> views.add(JobView.granted(em.find(Job.class, id), now)));
        return views.stream().sorted(CLAIM_ORDER).toList(); // RETURNING keeps no order
    }

    private List<Job> grantByEntities(String queue, String worker, int max, Instant now, Instant expiresAt) {
        List<Job> jobs = em.createQuery(CLAIMABLE, Job.class)
                .setParameter("queue", queue)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .setMaxResults(max)
                .getResultList();
        jobs.forEach(job -> job.grantLease(Lease.grant(worker, expiresAt), now));
        em.flush(); // the views must show the versions the grants wrote
        return jobs;
    }

    /** Releases leases that were granted but never reached their worker. */
    public void giveBack(List<JobView> granted) {
        Instant now = clock.instant();
        for (JobView view : granted) {
            Job job = em.find(Job.class, view.id(), LockModeType.PESSIMISTIC_WRITE);
            if (job != null && job.lease() != null && job.lease().isToken(view.lease().token())) {
                job.release(view.lease().token(), now);
            }
        }
    }
}
