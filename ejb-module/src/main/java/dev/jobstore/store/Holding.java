package dev.jobstore.store;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.dependency.Dependencies;
import dev.jobstore.event.AfterCommit;
import dev.jobstore.event.JobFailed;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobLookup;
import dev.jobstore.lease.LeaseHandles;
import dev.jobstore.lease.LeaseLength;
import dev.jobstore.security.CallerScope;
import dev.jobstore.wakeup.Wakeups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A lease holder's writes on one job (heartbeat, release, failure, progress) for {@link
 * JobStore} and {@link LeaseBatches}, in their transaction. Each locks the job's row and checks
 * the token before it changes anything, so a refused write (thrown) leaves the job as it was.
 */
@ApplicationScoped
class Holding {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    JobStoreSettings settings;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Wakeups wakeups;

    @Inject
    LeaseHandles handles;

    @Inject
    Dependencies dependencies;

    @Inject
    CallerScope scope;

    /** Extends the lease to now + {@code length} (the default length if null); answers the new expiry. */
    Instant heartbeat(UUID id, String token, Duration length) {
        Instant now = clock.instant();
        Instant newExpiry = now.plus(LeaseLength.resolve(length, settings));
        lockForHolder(id).heartbeat(token, newExpiry, now);
        return newExpiry;
    }

    /**
     * A heartbeat that does not wait for the row another transaction is writing: answers the
     * lease's expiry as last committed, unextended (the holder's next heartbeat extends it), or
     * refuses as {@link #heartbeat} would have refused then.
     */
    Instant unextended(UUID id, String token) {
        Job job = JobLookup.require(em, id, LockModeType.NONE);
        // Read only (a batch names each job once, so nothing of it is pending here): a flush
        // must never write, and so wait on, the busy row.
        em.detach(job);
        scope.requireJob(id, job.queue());
        job.requireHolder(token, clock.instant());
        return job.lease().expiresAt();
    }

    Job release(UUID id, String token) {
        Job job = lockForHolder(id);
        job.release(token, clock.instant());
        leaseEnded(token);
        wakeups.afterCommit(job.queue());
        return job;
    }

    Job fail(UUID id, String token, String error, boolean retry) {
        Instant now = clock.instant();
        Job job = lockForHolder(id);
        Instant retryAt = job.fail(token, error, retry, now);
        if (retryAt == null) {
            dependencies.finished(job, null, now);
        }
        leaseEnded(token);
        afterCommit.fire(new JobFailed(
                id, job.queue(), job.failures().get(job.failures().size() - 1).getError(), retryAt));
        return job;
    }

    Job progress(UUID id, String token, long completed, long total) {
        Job job = lockForHolder(id);
        job.reportProgress(token, completed, total, clock.instant());
        return job;
    }

    private void leaseEnded(String token) {
        afterCommit.run(() -> handles.close(token));
    }

    // The row lock makes a holder's write wait for a concurrent sweep or claim of the same
    // job, then judge the token against what that one committed.
    private Job lockForHolder(UUID id) {
        Job job = JobLookup.require(em, id, LockModeType.PESSIMISTIC_WRITE);
        scope.requireJob(id, job.queue());
        return job;
    }
}
