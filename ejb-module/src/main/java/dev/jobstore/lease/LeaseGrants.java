package dev.jobstore.lease;

import dev.jobstore.job.Job;
import dev.jobstore.job.JobView;
import dev.jobstore.queue.Queues;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Grants leases: one transaction that picks the best claimable jobs of a queue and leases them.
 *
 * <p>The pick locks its rows with {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers, on
 * this node or another, never wait for each other and never get the same job. On H2,
 * Hibernate renders a plain {@code FOR UPDATE}, which is the right thing there: H2 applies the
 * row limit before skipping locked rows (a second claimer would get nothing while work
 * remains), whereas its blocking {@code FOR UPDATE} re-evaluates the condition once the lock
 * is free and returns the next rows. Claimers queue briefly; none gets a job twice.
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

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Queues queues;

    /** Leases up to {@code max} claimable jobs of {@code queue} to {@code worker}. */
    public List<JobView> grant(String queue, String worker, int max, Duration length) {
        if (queues.isPaused(queue)) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Job> jobs = em.createQuery(CLAIMABLE, Job.class)
                .setParameter("queue", queue)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .setMaxResults(max)
                .getResultList();
        Instant expiresAt = now.plus(length);
        jobs.forEach(job -> job.grantLease(Lease.grant(worker, expiresAt), now));
        em.flush(); // the views must show the versions the grants wrote
        return jobs.stream().map(job -> JobView.granted(job, now)).toList();
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
