package dev.jobstore.notification;

import dev.jobstore.job.TargetState;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobResult;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.StoredResult;
import dev.jobstore.job.Lease;
import dev.jobstore.storage.PortableStorage;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Grants notification leases: one transaction that picks the oldest fulfilled job with pending
 * (non-webhook) targets and no notifier, locking it as work claims do.
 */
@Stateless
public class NotificationGrants {

    private static final String CLAIMABLE = """
            select j from Job j
            where j.status = :fulfilled and j.notificationLease.expiresAt is null
              and j.id in (select t.jobId from NotificationTarget t where t.state = :pending and t.webhook = false)
            order by j.finishedAt, j.id""";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Leases one notification to {@code worker}, if any is waiting. */
    public List<Notification> grant(String worker, Duration length) {
        Instant now = clock.instant();
        List<Job> jobs = em.createQuery(CLAIMABLE, Job.class)
                .setParameter("fulfilled", JobStatus.FULFILLED)
                .setParameter("pending", TargetState.PENDING)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", PortableStorage.SKIP_LOCKED)
                .setMaxResults(1)
                .getResultList();
        if (jobs.isEmpty()) {
            return List.of();
        }
        Job job = jobs.get(0);
        Lease lease = Lease.grant(worker, now.plus(length));
        job.grantNotificationLease(lease, now);
        StoredResult value = em.find(JobResult.class, job.id()).toStoredResult();
        return List.of(new Notification(job.id(), value.content(), value.contentType(), waiting(job),
                lease.token(), lease.expiresAt()));
    }

    /** Ends notification leases that were granted but never reached their notifier. */
    public void giveBack(List<Notification> granted) {
        Instant now = clock.instant();
        for (Notification notification : granted) {
            Job job = em.find(Job.class, notification.jobId(), LockModeType.PESSIMISTIC_WRITE);
            if (job != null && job.notificationLease() != null && job.notificationLease().isToken(notification.token())) {
                job.endNotificationLease(notification.token(), now);
            }
        }
    }

    private List<JsonValue> waiting(Job job) {
        return em.createQuery("""
                        select t from NotificationTarget t
                        where t.jobId = :job and t.state = :pending and t.webhook = false
                        order by t.createdAt, t.id""", NotificationTarget.class)
                .setParameter("job", job.id())
                .setParameter("pending", TargetState.PENDING)
                .getResultStream()
                .map(NotificationTarget::target)
                .toList();
    }
}
