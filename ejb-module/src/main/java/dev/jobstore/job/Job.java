package dev.jobstore.job;

import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;

/**
 * A unit of work in a queue, and its state machine. State changes only through the methods
 * below, each of which checks its rule and takes the current time from the caller.
 *
 * <p>A job waiting for its {@code runAt} is stored as PENDING and reported as WAITING (see
 * {@link #status(Instant)}): it becomes claimable exactly at {@code runAt}, with no sweep to
 * promote it.
 */
// The schema itself is Flyway's (db/migration); on PostgreSQL, V3 replaces some of these
// indexes and unique keys with partial ones that hold only the rows they serve.
@Entity
@Table(
        name = "job",
        uniqueConstraints = {
            @UniqueConstraint(
                    name = "uk_job_queue_key",
                    columnNames = {"queue", "job_key"}),
            // at most one follow-up per run of a repeating job, however many nodes fulfill
            @UniqueConstraint(
                    name = "uk_job_repeat_run",
                    columnNames = {"repeat_of", "repeat_run"})
        },
        indexes = {
            @Index(name = "ix_job_claim", columnList = "queue, status, priority, created_at"),
            @Index(name = "ix_job_lease_expiry", columnList = "status, lease_expires_at"),
            @Index(name = "ix_job_listing", columnList = "created_at, id")
        })
public class Job extends JobColumns {

    protected Job() {}

    /**
     * A new job in {@code queue}, built from a request already checked by the store; WAITING
     * unless {@code dependenciesFulfilled}. {@code traceparent} is the creating span's trace
     * context, or {@code null}.
     */
    public static Job create(
            UUID id, String queue, NewJob request, String traceparent, Instant now, boolean dependenciesFulfilled) {
        Job job = new Job();
        job.id = id;
        job.queue = queue;
        job.traceparent = traceparent;
        job.key = request.key();
        job.payload = request.payloadOrNull();
        job.status = dependenciesFulfilled ? JobStatus.PENDING : JobStatus.WAITING;
        job.dependsOn = new HashSet<>(request.dependsOnOrEmpty());
        job.dependencyCount = job.dependsOn.size();
        Repeat repeat = request.repeat();
        if (repeat != null) {
            job.repeatEveryMillis =
                    repeat.every() == null ? null : repeat.every().toMillis();
            job.repeatCron = repeat.cron();
            job.repeatTimes = repeat.times();
            job.repeatOf = id;
            job.repeatRun = 1;
        }
        job.priority = request.priorityOrDefault();
        job.runAt = request.firstRunAt(now);
        job.maxAttempts = request.maxAttemptsOrDefault();
        Backoff backoff = request.backoffOrDefault();
        job.backoffInitialMillis = backoff.initial().toMillis();
        job.backoffMultiplier = backoff.multiplier();
        job.backoffMaxMillis = backoff.max().toMillis();
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }

    /** The status as callers see it: PENDING with {@code runAt} ahead reads as WAITING. */
    public JobStatus status(Instant now) {
        return JobStatus.effective(status, runAt, now);
    }

    /** PENDING → RUNNING under {@code lease}; the attempt is counted now, the fence grows by one. */
    public void grantLease(Lease newLease, Instant now) {
        if (status(now) != JobStatus.PENDING) {
            throw new IllegalStateException("job " + id + " is " + status(now) + ", not claimable");
        }
        status = JobStatus.RUNNING;
        attempts++;
        fence++;
        lease = newLease;
        updatedAt = now;
    }

    /** Extends the holder's lease to {@code newExpiry}. */
    public void heartbeat(String token, Instant newExpiry, Instant now) {
        requireHolder(token, now);
        lease = lease.extendedTo(newExpiry);
        updatedAt = now;
    }

    /** The holder gives the job back: PENDING at once, and the attempt is given back too. */
    public void release(String token, Instant now) {
        requireHolder(token, now);
        attempts--;
        returnToPool(now);
    }

    /** RUNNING → FULFILLED; the caller stores the value in the same transaction. */
    public void fulfill(String token, Instant now) {
        requireHolder(token, now);
        finish(JobStatus.FULFILLED, now);
    }

    /**
     * The holder reports a failed attempt. With attempts left and {@code retry}, the job waits
     * out its backoff and returns the instant it becomes claimable; otherwise it is FAILED and
     * this returns {@code null}.
     */
    public Instant fail(String token, String error, boolean retry, Instant now) {
        requireHolder(token, now);
        addFailure(new Failure(now, attempts, error));
        if (retry && attempts < maxAttempts) {
            lease = null;
            status = JobStatus.PENDING;
            runAt = now.plus(backoff().delayAfter(attempts));
            updatedAt = now;
            return runAt;
        }
        finish(JobStatus.FAILED, now);
        return null;
    }

    /** Whether this job is RUNNING under a lease that has run out. */
    public boolean hasExpiredLease(Instant now) {
        return status == JobStatus.RUNNING && lease.isExpiredAt(now);
    }

    /**
     * Takes an expired lease away (the sweep). The lost lease used up its attempt: with
     * attempts left the job is PENDING again, otherwise FAILED with "lease expired".
     */
    public void expireLease(Instant now) {
        if (!hasExpiredLease(now)) {
            throw new IllegalStateException("job " + id + " has no expired lease");
        }
        if (attempts < maxAttempts) {
            returnToPool(now);
            return;
        }
        releases++;
        addFailure(new Failure(now, attempts, "lease expired"));
        finish(JobStatus.FAILED, now);
    }

    private void addFailure(Failure failure) {
        failures.add(failure);
        failureCount = failures.size();
    }

    // runAt stays: it is already past, so the job is claimable again at once.
    /** The last dependency was fulfilled: WAITING → PENDING. */
    public void dependenciesFulfilled(Instant now) {
        if (status == JobStatus.WAITING) {
            status = JobStatus.PENDING;
            updatedAt = now;
        }
    }

    /**
     * Any non-final job → CANCELLED. Returns the token of the lease this takes away, or
     * {@code null} if nobody held the job.
     */
    public String cancel(String why, Instant now) {
        if (status.isFinal()) {
            throw new TransitionNotAllowedException(
                    id, "cancel", status, "jobs that are not FULFILLED, FAILED or CANCELLED");
        }
        String takenToken = lease == null ? null : lease.token();
        reason = why;
        finish(JobStatus.CANCELLED, now);
        return takenToken;
    }

    /** WAITING or PENDING → PAUSED. */
    public void pause(Instant now) {
        JobStatus current = status(now);
        if (current != JobStatus.WAITING && current != JobStatus.PENDING) {
            throw new TransitionNotAllowedException(id, "pause", current, "WAITING and PENDING jobs");
        }
        status = JobStatus.PAUSED;
        updatedAt = now;
    }

    /** PAUSED → PENDING, or WAITING while a dependency is not yet FULFILLED. */
    public void resume(boolean dependenciesFulfilled, Instant now) {
        if (status != JobStatus.PAUSED) {
            throw new TransitionNotAllowedException(id, "resume", status(now), "PAUSED jobs");
        }
        status = dependenciesFulfilled ? JobStatus.PENDING : JobStatus.WAITING;
        updatedAt = now;
    }

    /** FAILED or CANCELLED → PENDING with its attempts reset. */
    public void restart(Instant now) {
        if (status != JobStatus.FAILED && status != JobStatus.CANCELLED) {
            throw new TransitionNotAllowedException(id, "restart", status(now), "FAILED and CANCELLED jobs");
        }
        status = JobStatus.PENDING;
        attempts = 0;
        runAt = now;
        reason = null;
        finishedAt = null;
        updatedAt = now;
    }

    /** The request for a new job that copies this finished one (payload and options). */
    public NewJob rerunRequest(Instant now) {
        if (!status.isFinal()) {
            throw new TransitionNotAllowedException(id, "rerun", status(now), "FULFILLED, FAILED and CANCELLED jobs");
        }
        return NewJob.of(payload)
                .withPriority(priority)
                .withMaxAttempts(maxAttempts)
                .withBackoff(backoff())
                .withRepeat(repeat());
    }

    /** Checks the job may be removed; returns the lease token a forced removal takes away. */
    public String requireRemovable(boolean force, Instant now) {
        if (status == JobStatus.RUNNING && !force) {
            throw new TransitionNotAllowedException(
                    id, "remove", status, "jobs that are not RUNNING, unless forced (force=true)");
        }
        return lease == null ? null : lease.token();
    }

    /** The holder reports how far it got. */
    public void reportProgress(String token, long completed, long total, Instant now) {
        requireHolder(token, now);
        progress = new Progress(completed, total);
        updatedAt = now;
    }

    /** The next run of a repeating job just fulfilled at {@code now}, if it has runs left. */
    public Optional<Job> followUp(UUID newId, Instant now) {
        Repeat repeat = repeat();
        if (repeat == null || (repeatTimes != null && repeatRun >= repeatTimes)) {
            return Optional.empty();
        }
        NewJob next = NewJob.of(payload)
                .withPriority(priority)
                .withMaxAttempts(maxAttempts)
                .withBackoff(backoff())
                .withRepeat(repeat)
                .withRunAt(repeat.nextRunAfter(now));
        // No trace context: a run that repeats for months would otherwise grow one endless trace.
        Job run = create(newId, queue, next, null, now, true);
        run.repeatOf = repeatOf;
        run.repeatRun = repeatRun + 1;
        return Optional.of(run);
    }

    private void returnToPool(Instant now) {
        status = JobStatus.PENDING;
        lease = null;
        releases++;
        updatedAt = now;
    }

    private void finish(JobStatus finalStatus, Instant now) {
        status = finalStatus;
        lease = null;
        finishedAt = now;
        updatedAt = now;
    }

    /** Throws {@link LeaseLostException} unless {@code token} holds the job's unexpired lease at {@code now}. */
    public void requireHolder(String token, Instant now) {
        if (status != JobStatus.RUNNING) {
            throw new LeaseLostException(id, "the job is " + status(now) + " and holds no lease");
        }
        lease.requireHeldBy(id, token, now);
    }
}
