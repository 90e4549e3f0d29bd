package dev.jobstore.job;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.event.AfterCommit;
import dev.jobstore.event.JobCreated;
import dev.jobstore.event.JobFailed;
import dev.jobstore.event.JobFulfilled;
import dev.jobstore.lease.JobLease;
import dev.jobstore.lease.LeaseGrants;
import dev.jobstore.lease.LeaseHandles;
import dev.jobstore.lease.LeaseLength;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.lease.Wakeups;
import dev.jobstore.lease.WorkWaiters;
import dev.jobstore.notification.Notifications;
import dev.jobstore.schema.DatabaseVendor;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The job store: everything producers, workers and admins do, as one EJB. Inject it with
 * {@code @Inject JobStore store}. Each method is one transaction (joining the caller's, if
 * any), except the pulls, which run their own.
 *
 * <p>A holder's writes (heartbeat, release, fulfill, fail) lock the job row and check the lease
 * token: a stale token gets {@link dev.jobstore.lease.LeaseLostException} and changes nothing.
 */
@Stateless
public class JobStore {

    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    /** type/subtype, optionally followed by parameters (RFC 9110 tokens). */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[\\w!#$%&'*+.^`|~-]+/[\\w!#$%&'*+.^`|~-]+(\\s*;.*)?");

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    JobStoreSettings settings;

    @Inject
    AfterCommit afterCommit;

    @Inject
    WorkWaiters waiters;

    @Inject
    Wakeups wakeups;

    @Inject
    LeaseGrants grants;

    @Inject
    LeaseHandles handles;

    @Inject
    Notifications notifications;

    @Inject
    Dependencies dependencies;

    @Inject
    DatabaseVendor vendor;

    @Resource
    SessionContext session;

    /** Creates a job, or returns the existing one of the same queue and key. */
    public Created create(String queue, NewJob request) {
        QueueName.require(queue);
        check(request);
        return insert(queue, request);
    }

    /**
     * Creates many jobs in one transaction. One invalid item refuses them all, with a problem
     * naming its index.
     */
    public List<Created> createAll(String queue, List<NewJob> requests) {
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
        if (vendor.isPostgresql() && requests.stream().allMatch(InsertStatement::canInsert)) {
            return insertPlain(queue, requests);
        }
        return requests.stream().map(request -> insert(queue, request)).toList();
    }

    /** A batch of plain jobs (see {@link InsertStatement}), inserted in one statement. */
    private List<Created> insertPlain(String queue, List<NewJob> requests) {
        Instant now = clock.instant();
        List<Job> jobs = requests.stream().map(request -> Job.create(UUID.randomUUID(), queue, request, now, true)).toList();
        InsertStatement.insertAll(em, jobs);
        jobs.forEach(this::announceNew);
        return jobs.stream().map(job -> new Created(JobView.of(job, now), true)).toList();
    }

    private void check(NewJob request) {
        if (request == null) {
            throw new InvalidRequestException("a job request is required");
        }
        request.check();
        requireWithin("payload", request.payloadOrNull().toString().getBytes(StandardCharsets.UTF_8).length,
                settings.payloadLimit(), "jobstore.limits.payload-bytes");
        dependencies.requireExisting(request.dependsOnOrEmpty());
    }

    private Created insert(String queue, NewJob request) {
        Instant now = clock.instant();
        if (request.key() != null) {
            Optional<Job> existing = em.createQuery("select j from Job j where j.queue = :queue and j.key = :key", Job.class)
                    .setParameter("queue", queue)
                    .setParameter("key", request.key())
                    .getResultStream().findFirst();
            if (existing.isPresent()) {
                return new Created(JobView.of(existing.get(), now), false);
            }
        }
        List<UUID> dependsOn = request.dependsOnOrEmpty();
        Job job = Job.create(UUID.randomUUID(), queue, request, now, dependencies.allFulfilled(dependsOn));
        String broken = dependencies.brokenDependency(dependsOn);
        if (broken != null) {
            job.cancel(broken, now);
        }
        persistNew(job);
        return new Created(JobView.of(job, now), true);
    }

    private void persistNew(Job job) {
        em.persist(job);
        announceNew(job);
    }

    private void announceNew(Job job) {
        afterCommit.fire(new JobCreated(job.id(), job.queue()));
        wakeups.afterCommit(job.queue());
    }

    /** The job, with its notification targets. */
    public JobView get(UUID id) {
        return JobView.of(find(id, LockModeType.NONE), clock.instant()).withTargets(notifications.targets(id));
    }

    /** A page of jobs, newest first. */
    public JobPage list(JobQuery query) {
        JobQuery effective = query == null ? JobQuery.all() : query;
        if (effective.queue() != null) {
            QueueName.require(effective.queue());
        }
        int limit = effective.limitOrDefault();
        if (limit < 1 || limit > settings.maxListLimit()) {
            throw new InvalidRequestException("limit must be between 1 and " + settings.maxListLimit()
                    + " (jobstore.list.max-limit)");
        }
        return new JobListing(em, clock.instant()).page(effective);
    }

    /** The value a FULFILLED job stores. */
    public StoredResult result(UUID id) {
        Job job = find(id, LockModeType.NONE);
        JobStatus status = job.status(clock.instant());
        if (status != JobStatus.FULFILLED) {
            throw new ResultNotFoundException(id, status);
        }
        return em.find(JobResult.class, id).toStoredResult();
    }

    /** Leases one job of {@code queue} to {@code worker} if one is claimable now. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<JobLease> pullWork(String queue, String worker) {
        return pullWork(queue, PullRequest.of(worker)).stream().findFirst();
    }

    /** Leases up to {@code request.max()} jobs, waiting up to {@code request.wait()} for them. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<JobLease> pullWork(String queue, PullRequest request) {
        List<JobView> granted = WorkWaiters.join(pullWorkAsync(queue, request));
        JobStore self = session.getBusinessObject(JobStore.class);
        return granted.stream().map(view -> handles.open(self, view)).toList();
    }

    /**
     * Like {@link #pullWork(String, PullRequest)} without holding a thread while it waits: the
     * stage completes with the granted jobs (each with its lease token), or empty when the wait
     * ends. The HTTP API serves long polls this way.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public CompletableFuture<List<JobView>> pullWorkAsync(String queue, PullRequest request) {
        QueueName.require(queue);
        if (request == null) {
            throw new InvalidRequestException("a pull request with a worker name is required");
        }
        request.check(settings);
        Duration lease = LeaseLength.resolve(request.lease(), settings);
        return waiters.await(queue, request.waitOrDefault(),
                () -> grants.grant(queue, request.worker(), request.maxOrDefault(), lease), grants::giveBack);
    }

    /** Extends the holder's lease to now + {@code length} (default length if null). */
    public Instant heartbeat(UUID id, String token, Duration length) {
        Duration extension = LeaseLength.resolve(length, settings);
        Instant now = clock.instant();
        Instant newExpiry = now.plus(extension);
        lockForHolder(id).heartbeat(token, newExpiry, now);
        return newExpiry;
    }

    /** The holder gives the job back without a result. */
    public void release(UUID id, String token) {
        Job job = lockForHolder(id);
        job.release(token, clock.instant());
        leaseEnded(token);
        wakeups.afterCommit(job.queue());
    }

    /** Fulfills the job with a JSON value, stored as {@code application/json}. */
    public JobView fulfill(UUID id, String token, JsonValue value) {
        return fulfill(id, token, Fulfillment.jsonBytes(value), "application/json");
    }

    /** Fulfills the job with {@code value}; at most one value is ever stored for a job. */
    public JobView fulfill(UUID id, String token, byte[] value, String contentType) {
        StoredResult result = checkedResult(value, contentType);
        Instant now = clock.instant();
        Job job = lockForHolder(id);
        job.fulfill(token, now);
        recordFulfilled(job, token, result, now);
        followFulfilled(List.of(id), List.of(id), now);
        em.flush(); // the view must show the version this write gets
        return JobView.of(job, now);
    }

    /**
     * Fulfills many leased jobs with JSON values in one transaction: the worker pools' group
     * commit. Each job is checked against its own token as {@link #fulfill} does, and one that
     * cannot be fulfilled (lease lost, result too large) is left alone without spoiling the
     * others: the answer maps its id to the reason.
     */
    public Map<UUID, JobStoreException> fulfillAll(List<Fulfillment> fulfillments) {
        Instant now = clock.instant();
        Map<UUID, JobStoreException> refused = new HashMap<>();
        Map<UUID, StoredResult> results = new HashMap<>();
        for (Fulfillment fulfillment : fulfillments) {
            try {
                results.put(fulfillment.jobId(), checkedResult(fulfillment.json(), "application/json"));
            } catch (JobStoreException e) {
                refused.put(fulfillment.jobId(), e);
            }
        }
        List<Fulfillment> acceptable = fulfillments.stream().filter(f -> results.containsKey(f.jobId())).toList();
        Map<UUID, FulfillStatement.Fulfilled> byStatement = vendor.isPostgresql() && !acceptable.isEmpty()
                ? FulfillStatement.fulfill(em, acceptable, results, now) : Map.of();
        List<UUID> withDependents = new ArrayList<>(); // those that may have some, to be looked at
        List<UUID> withTargets = new ArrayList<>();
        Map<UUID, String> rest = new HashMap<>(); // id → token of those the statement left alone
        for (Fulfillment fulfillment : acceptable) {
            FulfillStatement.Fulfilled done = byStatement.get(fulfillment.jobId());
            if (done == null) {
                rest.put(fulfillment.jobId(), fulfillment.token());
                continue;
            }
            fulfilledEffects(done.id(), done.queue(), fulfillment.token(), results.get(done.id()).contentType());
            if (done.hasDependents()) {
                withDependents.add(done.id());
            }
            if (done.hasPendingTargets()) {
                withTargets.add(done.id());
            }
        }
        Map<UUID, Job> jobs = lockAll(rest.keySet());
        rest.forEach((id, token) -> {
            try {
                Job job = Optional.ofNullable(jobs.get(id)).orElseThrow(() -> new JobNotFoundException(id));
                job.fulfill(token, now); // checks before it changes anything
                recordFulfilled(job, token, results.get(id), now);
                withDependents.add(id);
                withTargets.add(id);
            } catch (JobStoreException e) {
                refused.put(id, e);
            }
        });
        followFulfilled(withDependents, withTargets, now);
        em.flush();
        return refused;
    }

    /** Locks those of {@code ids} that exist in one statement, in id order, so two groups never deadlock. */
    private Map<UUID, Job> lockAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select j from Job j where j.id in :ids order by j.id", Job.class)
                .setParameter("ids", ids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().collect(Collectors.toMap(Job::id, job -> job));
    }

    private StoredResult checkedResult(byte[] value, String contentType) {
        byte[] content = value == null ? new byte[0] : value;
        requireWithin("result", content.length, settings.resultLimit(), "jobstore.limits.result-bytes");
        String type = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType.strip();
        if (type.length() > 255 || !MEDIA_TYPE.matcher(type).matches()) {
            throw new InvalidRequestException("content type '" + type + "' is not a media type such as text/plain"
                    + " (at most 255 characters)");
        }
        return new StoredResult(type, content);
    }

    /** What a fulfillment of {@code job} writes: the stored value, a repeat, and its after-commit effects. */
    private void recordFulfilled(Job job, String token, StoredResult result, Instant now) {
        job.followUp(UUID.randomUUID(), now).ifPresent(this::persistNew);
        em.persist(new JobResult(job.id(), result.contentType(), result.content()));
        fulfilledEffects(job.id(), job.queue(), token, result.contentType());
    }

    /** What follows a job's fulfillment once it commits. */
    private void fulfilledEffects(UUID id, String queue, String token, String contentType) {
        leaseEnded(token);
        afterCommit.fire(new JobFulfilled(id, queue, contentType));
    }

    /**
     * What fulfilled jobs set off, looked up once for a group: the dependents of {@code
     * withDependents} and the notification targets of {@code withTargets}.
     */
    private void followFulfilled(List<UUID> withDependents, List<UUID> withTargets, Instant now) {
        if (!withDependents.isEmpty()) {
            dependencies.fulfilled(withDependents, now);
        }
        if (!withTargets.isEmpty()) {
            notifications.jobsFulfilled(withTargets);
        }
    }

    /** Reports a failed attempt: retried after the backoff while attempts remain and {@code retry}. */
    public JobView fail(UUID id, String token, String error, boolean retry) {
        Instant now = clock.instant();
        Job job = lockForHolder(id);
        Instant retryAt = job.fail(token, error, retry, now);
        if (retryAt == null) {
            dependencies.finished(job, null, now);
        }
        em.flush(); // the view must show the version this write gets
        leaseEnded(token);
        afterCommit.fire(new JobFailed(id, job.queue(), job.failures().get(job.failures().size() - 1).getError(), retryAt));
        return JobView.of(job, now);
    }

    /** The holder reports how far it got ({@code 0 <= completed <= total}). */
    public JobView progress(UUID id, String token, long completed, long total) {
        Instant now = clock.instant();
        Job job = lockForHolder(id);
        job.reportProgress(token, completed, total, now);
        em.flush(); // the view must show the version this write gets
        return JobView.of(job, now);
    }

    private void leaseEnded(String token) {
        afterCommit.run(() -> handles.close(token));
    }

    // The row lock makes a holder's write wait for a concurrent sweep or claim of the same
    // job, then judge the token against what that one committed.
    private Job lockForHolder(UUID id) {
        return find(id, LockModeType.PESSIMISTIC_WRITE);
    }

    private Job find(UUID id, LockModeType lock) {
        return JobLookup.require(em, id, lock);
    }

    private static void requireWithin(String what, long size, long limit, String setting) {
        if (size > limit) {
            throw new PayloadTooLargeException(what, size, limit, setting);
        }
    }
}
