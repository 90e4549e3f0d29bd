package dev.jobstore.notification;

import dev.jobstore.job.Job;
import dev.jobstore.job.JobResult;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.Lease;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.job.LockHints;
import dev.jobstore.job.Rows;
import dev.jobstore.job.StoredResult;
import dev.jobstore.job.TargetState;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Notification leases ({@link NotifierLease}): granting one on the oldest fulfilled job with
 * pending (non-webhook) targets and no notifier, ending one, and taking expired ones away.
 *
 * <p>A grant locks the job rows it looks at ({@code FOR UPDATE SKIP LOCKED}, as work claims
 * do) and looks for a lease again once it holds the lock: a lease committed by another grant
 * after this one's query began is not visible to the query itself. Grants take leases only on
 * jobs whose row they hold locked, so two can never lease one job. One row at a time: a grant
 * that locked more would hide them from the others. Where a lock is waited for instead of
 * skipped (H2), the job may turn out leased by the grant it waited for: then it looks again
 * past it.
 */
@Stateless
public class NotificationGrants {

    private static final String CLAIMABLE = """
            select j from Job j
            where j.status = :fulfilled and not exists (select l from NotifierLease l where l.jobId = j.id)
              and j.id in (select t.jobId from NotificationTarget t where t.state = :pending and t.webhook = false)""";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Leases one notification to {@code worker}, if any is waiting. */
    public List<Notification> grant(String worker, Duration length) {
        Instant now = clock.instant();
        Set<UUID> leasedMeanwhile = new HashSet<>();
        for (Optional<Job> next = oldestClaimable(leasedMeanwhile);
                next.isPresent();
                next = oldestClaimable(leasedMeanwhile)) {
            UUID jobId = next.get().id();
            if (Rows.find(em, NotifierLease.class, jobId) == null) {
                return List.of(grant(jobId, Lease.grant(worker, now.plus(length))));
            }
            leasedMeanwhile.add(jobId);
        }
        return List.of();
    }

    /** The oldest claimable job but those {@code passed}, locked. */
    private Optional<Job> oldestClaimable(Set<UUID> passed) {
        TypedQuery<Job> query = em.createQuery(
                CLAIMABLE + (passed.isEmpty() ? "" : " and j.id not in :passed") + " order by j.finishedAt, j.id",
                Job.class);
        if (!passed.isEmpty()) {
            query.setParameter("passed", passed);
        }
        return query.setParameter("fulfilled", JobStatus.FULFILLED)
                .setParameter("pending", TargetState.PENDING)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint(LockHints.LOCK_TIMEOUT, LockHints.SKIP_LOCKED)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    private Notification grant(UUID jobId, Lease lease) {
        em.persist(new NotifierLease(jobId, lease));
        StoredResult value = Rows.find(em, JobResult.class, jobId).toStoredResult();
        return new Notification(
                jobId, value.content(), value.contentType(), waiting(jobId), lease.token(), lease.expiresAt());
    }

    /** The notifier reports back: its lease on the job's targets ends. */
    public void end(UUID jobId, String token, Instant now) {
        NotifierLease held = Rows.find(em, NotifierLease.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (held == null) {
            throw new LeaseLostException(jobId, "no notification lease is held on the job");
        }
        held.requireHeldBy(token, now);
        em.remove(held);
    }

    /** Ends notification leases that were granted but never reached their notifier. */
    public void giveBack(List<Notification> granted) {
        for (Notification notification : granted) {
            NotifierLease held =
                    Rows.find(em, NotifierLease.class, notification.jobId(), LockModeType.PESSIMISTIC_WRITE);
            if (held != null && held.lease().isToken(notification.token())) {
                em.remove(held);
            }
        }
    }

    /**
     * Takes away up to {@code limit} notification leases expired at {@code now} (the sweep),
     * skipping those another sweep holds; answers them.
     */
    public List<NotifierLease> takeExpired(Instant now, int limit) {
        List<NotifierLease> expired = em.createQuery(
                        "select l from NotifierLease l where l.lease.expiresAt <= :now order by l.lease.expiresAt",
                        NotifierLease.class)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint(LockHints.LOCK_TIMEOUT, LockHints.SKIP_LOCKED)
                .setMaxResults(limit)
                .getResultList();
        expired.forEach(em::remove);
        return expired;
    }

    private List<JsonValue> waiting(UUID jobId) {
        return em.createQuery("""
                        select t from NotificationTarget t
                        where t.jobId = :job and t.state = :pending and t.webhook = false
                        order by t.createdAt, t.id""", NotificationTarget.class)
                .setParameter("job", jobId)
                .setParameter("pending", TargetState.PENDING)
                .getResultStream()
                .map(NotificationTarget::target)
                .toList();
    }
}
