package dev.jobstore.job;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A job as callers see it: a snapshot taken inside the transaction that read it. It never
 * carries result bytes, and carries a lease token only when it answers the pull that granted
 * the lease. {@code targets} (its notification targets) and {@code dependents} (the ids of the
 * jobs that depend on it) are filled only when one job is read. {@code traceparent} is the W3C
 * trace context of the job's creation (absent with tracing off), for a remote worker to link its
 * own spans to the producer's trace.
 */
@JsonbPropertyOrder({
    "id",
    "queue",
    "key",
    "status",
    "reason",
    "priority",
    "runAt",
    "attempts",
    "maxAttempts",
    "backoff",
    "releases",
    "progress",
    "dependsOn",
    "repeat",
    "repeatRun",
    "lease",
    "failures",
    "targets",
    "dependents",
    "traceparent",
    "payload",
    "version",
    "createdAt",
    "updatedAt",
    "finishedAt"
})
public record JobView(
        UUID id,
        String queue,
        String key,
        JsonValue payload,
        JobStatus status,
        String reason,
        int priority,
        Instant runAt,
        int attempts,
        int maxAttempts,
        Backoff backoff,
        int releases,
        Progress progress,
        Set<UUID> dependsOn,
        Repeat repeat,
        Integer repeatRun,
        List<Failure> failures,
        LeaseView lease,
        List<TargetView> targets,
        List<UUID> dependents,
        String traceparent,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    /** The snapshot of {@code job} at {@code now}, without any lease token. */
    public static JobView of(StoredJob job, Instant now) {
        Lease lease = job.lease();
        return of(job, now, lease == null ? null : new LeaseView(lease.owner(), null, job.fence(), lease.expiresAt()));
    }

    /** The snapshot of a job whose lease was just granted: the one view that shows the token. */
    public static JobView granted(StoredJob job, Instant now) {
        Lease lease = job.lease();
        return of(job, now, new LeaseView(lease.owner(), lease.token(), job.fence(), lease.expiresAt()));
    }

    private static JobView of(StoredJob job, Instant now, LeaseView lease) {
        return new JobView(
                job.id(),
                job.queue(),
                job.key(),
                job.payload(),
                JobStatus.effective(job.storedStatus(), job.runAt(), now),
                job.reason(),
                job.priority(),
                job.runAt(),
                job.attempts(),
                job.maxAttempts(),
                job.backoff(),
                job.releases(),
                job.progress(),
                job.dependsOn().isEmpty() ? null : job.dependsOn(),
                job.repeat(),
                job.repeatRun(),
                job.failures(),
                lease,
                null,
                null,
                job.traceparent(),
                job.version(),
                job.createdAt(),
                job.updatedAt(),
                job.finishedAt());
    }

    /** This view with the job's notification targets and the ids of the jobs that depend on it. */
    public JobView withDetail(List<TargetView> jobTargets, List<UUID> jobDependents) {
        return new JobView(
                id,
                queue,
                key,
                payload,
                status,
                reason,
                priority,
                runAt,
                attempts,
                maxAttempts,
                backoff,
                releases,
                progress,
                dependsOn,
                repeat,
                repeatRun,
                failures,
                lease,
                jobTargets,
                jobDependents,
                traceparent,
                version,
                createdAt,
                updatedAt,
                finishedAt);
    }
}
