package dev.jobstore.lease;

import dev.jobstore.job.Job;
import dev.jobstore.job.JobView;
import dev.jobstore.job.Rows;
import dev.jobstore.metrics.JobMetrics;
import dev.jobstore.storage.JobStorage;
import dev.jobstore.tracing.Tracing;
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
 * Grants leases: one transaction that picks the best claimable jobs of a queue and leases them
 * ({@link JobStorage#claim}), and gives back leases whose pull was abandoned meanwhile.
 */
@Stateless
public class LeaseGrants {

    @PersistenceContext
    EntityManager em;

    @Inject
    JobStorage storage;

    @Inject
    Clock clock;

    @Inject
    JobMetrics metrics;

    @Inject
    Tracing tracing;

    /** Leases up to {@code max} claimable jobs of {@code queue} to {@code worker}. */
    public List<JobView> grant(String queue, String worker, int max, Duration length) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        List<JobView> granted = storage.claim(queue, worker, max, now, now.plus(length));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.claimed(queue, took);
        tracing.claimed(queue, worker, took, granted);
        for (JobView job : granted) {
            metrics.started(queue, Duration.between(job.runAt(), now));
        }
        return granted;
    }

    /** Releases leases that were granted but never reached their worker. */
    public void giveBack(List<JobView> granted) {
        Instant now = clock.instant();
        for (JobView view : granted) {
            Job job = Rows.find(em, Job.class, view.id(), LockModeType.PESSIMISTIC_WRITE);
            if (job != null
                    && job.lease() != null
                    && job.lease().isToken(view.lease().token())) {
                job.release(view.lease().token(), now);
            }
        }
    }
}
