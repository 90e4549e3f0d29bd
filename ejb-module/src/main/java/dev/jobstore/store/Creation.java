package dev.jobstore.store;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.dependency.Dependencies;
import dev.jobstore.event.AfterCommit;
import dev.jobstore.event.JobCreated;
import dev.jobstore.job.Created;
import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobIds;
import dev.jobstore.job.JobView;
import dev.jobstore.job.NewJob;
import dev.jobstore.job.PayloadTooLargeException;
import dev.jobstore.job.QueueName;
import dev.jobstore.storage.JobStorage;
import dev.jobstore.tracing.Operation;
import dev.jobstore.tracing.TracedSpan;
import dev.jobstore.tracing.Tracing;
import dev.jobstore.wakeup.Wakeups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creates jobs for {@link JobStore}, in its transaction. */
@ApplicationScoped
class Creation {

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
    Dependencies dependencies;

    @Inject
    JobStorage storage;

    @Inject
    Tracing tracing;

    Created create(String queue, NewJob request) {
        QueueName.require(queue);
        check(request);
        return tracing.inSpan(Operation.CREATE, queue, span -> {
            if (!request.isPlain()) {
                return insert(queue, request, span);
            }
            Created created = insertPlain(queue, List.of(request), span).get(0);
            span.job(created.job().id());
            return created;
        });
    }

    List<Created> createAll(String queue, List<NewJob> requests) {
        QueueName.require(queue);
        if (requests == null || requests.isEmpty()) {
            throw new InvalidRequestException("a non-empty array of jobs is required");
        }
        for (int i = 0; i < requests.size(); i++) {
            try {
                check(requests.get(i));
            } catch (InvalidRequestException e) {
                throw new InvalidRequestException("item " + i + ": " + e.getMessage());
            } catch (PayloadTooLargeException e) {
                throw new PayloadTooLargeException("item " + i + ": " + e.getMessage());
            }
        }
        return tracing.inSpan(Operation.CREATE, queue, span -> {
            span.count(requests.size());
            if (requests.stream().allMatch(NewJob::isPlain)) {
                return insertPlain(queue, requests, span);
            }
            return requests.stream()
                    .map(request -> insert(queue, request, span))
                    .toList();
        });
    }

    /** Announces a job this transaction created, once it commits. */
    void announceNew(UUID id, String queue) {
        afterCommit.fire(new JobCreated(id, queue));
        wakeups.afterCommit(queue);
    }

    private List<Created> insertPlain(String queue, List<NewJob> requests, TracedSpan span) {
        Instant now = clock.instant();
        String traceparent = span.traceparent();
        List<Job> jobs = requests.stream()
                .map(request -> Job.create(JobIds.next(now), queue, request, traceparent, now, true))
                .toList();
        // the queue's first wake-up in this transaction rides on the insert statement
        storage.insertPlain(jobs, wakeups.afterCommitAnnouncedByCaller(queue) ? queue : null);
        jobs.forEach(job -> announceNew(job.id(), job.queue()));
        if (jobs.stream().anyMatch(job -> !job.runAt().isAfter(now))) {
            wakeups.claimForIdlePull(queue);
        }
        return jobs.stream().map(job -> new Created(JobView.of(job, now), true)).toList();
    }

    private void check(NewJob request) {
        if (request == null) {
            throw new InvalidRequestException("a job request is required");
        }
        request.check();
        long size = request.payloadOrNull().toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > settings.payloadLimit()) {
            throw new PayloadTooLargeException(
                    "payload", size, settings.payloadLimit(), "jobstore.limits.payload-bytes");
        }
        dependencies.requireExisting(request.dependsOnOrEmpty());
    }

    /** Inserts one job; {@code span} (the create span) is the trace context the job keeps. */
    private Created insert(String queue, NewJob request, TracedSpan span) {
        Instant now = clock.instant();
        if (request.key() != null) {
            Optional<Job> existing = em.createQuery(
                            "select j from Job j where j.queue = :queue and j.key = :key", Job.class)
                    .setParameter("queue", queue)
                    .setParameter("key", request.key())
                    .getResultStream()
                    .findFirst();
            if (existing.isPresent()) {
                span.job(existing.get().id());
                return new Created(JobView.of(existing.get(), now), false);
            }
        }
        List<UUID> dependsOn = request.dependsOnOrEmpty();
        Job job = Job.create(
                JobIds.next(now), queue, request, span.traceparent(), now, dependencies.allFulfilled(dependsOn));
        span.job(job.id());
        String broken = dependencies.brokenDependency(dependsOn);
        if (broken != null) {
            job.cancel(broken, now);
        }
        em.persist(job);
        announceNew(job.id(), job.queue());
        return new Created(JobView.of(job, now), true);
    }
}
