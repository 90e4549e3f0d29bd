package dev.jobstore.sweep;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.dependency.Dependencies;
import dev.jobstore.event.AfterCommit;
import dev.jobstore.event.JobCompromised;
import dev.jobstore.event.JobFailed;
import dev.jobstore.event.NotificationCompromised;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobStatus;
import dev.jobstore.notification.NotificationGrants;
import dev.jobstore.notification.Notifications;
import dev.jobstore.notification.NotifierLease;
import dev.jobstore.storage.JobStorage;
import dev.jobstore.wakeup.Wakeups;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Returns expired leases (work and notification) to the pool, in batches of one transaction
 * each. Rows are picked with {@code FOR UPDATE SKIP LOCKED}, so sweeps on several nodes split the
 * work and never reclaim a lease twice. Each reclaimed holder is told after the commit, through
 * {@link JobCompromised} or {@link NotificationCompromised}.
 */
@Stateless
public class LeaseSweep {

    static final String LEASE_EXPIRED = "lease expired";

    @Inject
    JobStorage storage;

    @Inject
    JobStoreSettings settings;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Wakeups wakeups;

    @Inject
    Dependencies dependencies;

    @Inject
    NotificationGrants notificationGrants;

    @Resource
    SessionContext session;

    /** Reclaims every work lease expired at {@code now}; returns how many. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int sweepExpiredLeases(Instant now) {
        LeaseSweep self = session.getBusinessObject(LeaseSweep.class);
        return inBatches(limit -> self.reclaimBatch(now, limit));
    }

    /** Reclaims every notification lease expired at {@code now}; returns how many. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int sweepExpiredNotificationLeases(Instant now) {
        LeaseSweep self = session.getBusinessObject(LeaseSweep.class);
        return inBatches(limit -> self.reclaimNotificationBatch(now, limit));
    }

    private int inBatches(IntUnaryOperator batch) {
        int limit = settings.sweepBatch();
        int total = 0;
        int reclaimed;
        do {
            reclaimed = batch.applyAsInt(limit);
            total += reclaimed;
        } while (reclaimed == limit);
        return total;
    }

    /** Reclaims up to {@code limit} expired leases in one transaction; returns how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int reclaimBatch(Instant now, int limit) {
        List<Job> expired = storage.lockExpiredLeases(now, limit);
        expired.forEach(job -> reclaim(job, now));
        return expired.size();
    }

    /** Reclaims up to {@code limit} expired notification leases in one transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int reclaimNotificationBatch(Instant now, int limit) {
        List<NotifierLease> expired = notificationGrants.takeExpired(now, limit);
        for (NotifierLease taken : expired) {
            afterCommit.fire(
                    new NotificationCompromised(taken.jobId(), taken.lease().token(), LEASE_EXPIRED));
        }
        if (!expired.isEmpty()) {
            wakeups.afterCommit(Notifications.CHANNEL);
        }
        return expired.size();
    }

    private void reclaim(Job job, Instant now) {
        String token = job.lease().token();
        job.expireLease(now);
        afterCommit.fire(new JobCompromised(job.id(), job.queue(), token, LEASE_EXPIRED));
        if (job.status(now) == JobStatus.FAILED) {
            dependencies.finished(job, null, now);
            afterCommit.fire(new JobFailed(job.id(), job.queue(), LEASE_EXPIRED, null));
        } else {
            wakeups.afterCommit(job.queue());
        }
    }
}
