package dev.jobstore.store;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.dependency.Dependencies;
import dev.jobstore.job.Created;
import dev.jobstore.job.Fulfillment;
import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobCursor;
import dev.jobstore.job.JobListing;
import dev.jobstore.job.JobLookup;
import dev.jobstore.job.JobNotFoundException;
import dev.jobstore.job.JobOutcome;
import dev.jobstore.job.JobPage;
import dev.jobstore.job.JobQuery;
import dev.jobstore.job.JobResult;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobStoreException;
import dev.jobstore.job.JobView;
import dev.jobstore.job.NewJob;
import dev.jobstore.job.QueueName;
import dev.jobstore.job.ResultNotFoundException;
import dev.jobstore.job.Rows;
import dev.jobstore.job.StoredResult;
import dev.jobstore.lease.LeaseGrants;
import dev.jobstore.lease.LeaseLength;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.notification.Notifications;
import dev.jobstore.security.CallerScope;
import dev.jobstore.security.QueuePattern;
import dev.jobstore.security.Roles;
import dev.jobstore.wakeup.WaitLength;
import dev.jobstore.wakeup.Wakeups;
import dev.jobstore.wakeup.WorkWaiters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The job store: everything producers, workers and admins do, as one EJB. Inject it with
 * {@code @Inject JobStore store}. Each method is one transaction (joining the caller's, if
 * any), except the pulls, which run their own.
 *
 * <p>Each method names the roles it allows ({@link Roles}); a caller limited to some queues
 * ({@link CallerScope}) is refused a queue outside them, and finds no job outside them.
 *
 * <p>A holder's writes (heartbeat, release, fulfill, fail) check the lease token, under the job
 * row's lock where the write goes ahead: a stale token gets {@link
 * dev.jobstore.job.LeaseLostException} and changes nothing.
 */
@Stateless
public class JobStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    JobStoreSettings settings;

    @Inject
    WorkWaiters waiters;

    @Inject
    LeaseGrants grants;

    @Inject
    Notifications notifications;

    @Inject
    Dependencies dependencies;

    @Inject
    Creation creation;

    @Inject
    Fulfilling fulfilling;

    @Inject
    JobLeases leases;

    @Inject
    Holding holding;

    @Inject
    Outcomes outcomes;

    @Inject
    CallerScope scope;

    /** Creates a job, or returns the existing one of the same queue and key. */
    @RolesAllowed({Roles.PRODUCER, Roles.ADMIN})
    public Created create(String queue, NewJob request) {
        scope.requireQueue(QueueName.require(queue));
        return creation.create(queue, request);
    }

    /**
     * Creates many jobs in one transaction. One invalid item refuses them all, with a problem
     * naming its index.
     */
    @RolesAllowed({Roles.PRODUCER, Roles.ADMIN})
    public List<Created> createAll(String queue, List<NewJob> requests) {
        scope.requireQueue(QueueName.require(queue));
        return creation.createAll(queue, requests);
    }

    /** The job, with its notification targets and the jobs that depend on it. */
    @RolesAllowed({Roles.PRODUCER, Roles.WORKER, Roles.VIEWER, Roles.ADMIN})
    public JobView get(UUID id) {
        return JobView.of(find(id, LockModeType.NONE), clock.instant())
                .withDetail(notifications.targets(id), dependencies.dependentsOf(id));
    }

    /** A page of jobs, newest first. */
    @RolesAllowed({Roles.PRODUCER, Roles.WORKER, Roles.VIEWER, Roles.ADMIN})
    public JobPage list(JobQuery query) {
        JobQuery effective = query == null ? JobQuery.all() : query;
        return listing(effective).page(effective);
    }

    /** A page of jobs after {@code cursor} (the newest for {@code null}), the query's {@code after} aside. */
    @RolesAllowed({Roles.PRODUCER, Roles.WORKER, Roles.VIEWER, Roles.ADMIN})
    public JobPage list(JobQuery query, JobCursor cursor) {
        return listing(query).page(query, cursor);
    }

    /** How many jobs the caller may see match the query's filter. */
    @RolesAllowed({Roles.PRODUCER, Roles.WORKER, Roles.VIEWER, Roles.ADMIN})
    public long count(JobQuery query) {
        return listing(query).count(query);
    }

    private JobListing listing(JobQuery query) {
        if (query.queue() != null) {
            scope.requireQueue(QueueName.require(query.queue()));
        }
        int limit = query.limitOrDefault();
        if (limit < 1 || limit > settings.maxListLimit()) {
            throw new InvalidRequestException(
                    "limit must be between 1 and " + settings.maxListLimit() + " (jobstore.list.max-limit)");
        }
        return new JobListing(em, clock.instant())
                .withinQueues(
                        scope.patterns().stream().map(QueuePattern::toLike).toList());
    }

    /** The value a FULFILLED job stores. */
    @RolesAllowed({Roles.PRODUCER, Roles.WORKER, Roles.VIEWER, Roles.ADMIN})
    public StoredResult result(UUID id) {
        JobStatus status = find(id, LockModeType.NONE).status(clock.instant());
        if (status != JobStatus.FULFILLED) {
            throw new ResultNotFoundException(id, status);
        }
        return Rows.find(em, JobResult.class, id).toStoredResult();
    }

    /**
     * The job's outcome once it is final (FULFILLED with its value, FAILED, CANCELLED), waiting
     * up to {@code wait} for it without holding a thread, woken when a job of its queue ends on
     * any node. If the wait ends first, the outcome says where the job stands then.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed({Roles.PRODUCER, Roles.WORKER, Roles.VIEWER, Roles.ADMIN})
    public CompletableFuture<JobOutcome> awaitOutcome(UUID id, Duration wait) {
        Duration waiting = WaitLength.resolve(wait, settings);
        String queue = find(id, LockModeType.NONE).queue();
        return waiters.await(Wakeups.finishedChannel(queue), waiting, () -> outcomes.readIfFinal(id), none -> {})
                .thenApply(found -> found.isEmpty() ? outcomes.read(id) : found.get(0));
    }

    /** Leases one job of {@code queue} to {@code worker} if one is claimable now. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public Optional<JobLease> pullWork(String queue, String worker) {
        return pullWork(queue, PullRequest.of(worker)).stream().findFirst();
    }

    /** Leases up to {@code request.max()} jobs, waiting up to {@code request.wait()} for them. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public List<JobLease> pullWork(String queue, PullRequest request) {
        List<JobView> granted = WorkWaiters.join(pullWorkAsync(queue, request));
        return granted.stream().map(leases::open).toList();
    }

    /**
     * Like {@link #pullWork(String, PullRequest)} without holding a thread while it waits: the
     * stage completes with the granted jobs (each with its lease token), or empty when the wait
     * ends. The HTTP API serves long polls this way.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public CompletableFuture<List<JobView>> pullWorkAsync(String queue, PullRequest request) {
        scope.requireQueue(QueueName.require(queue));
        if (request == null) {
            throw new InvalidRequestException("a pull request with a worker name is required");
        }
        request.check(settings);
        Duration lease = LeaseLength.resolve(request.lease(), settings);
        return waiters.await(
                queue,
                request.waitOrDefault(),
                () -> grants.grant(queue, request.worker(), request.maxOrDefault(), lease),
                grants::giveBack);
    }

    /** Extends the holder's lease to now + {@code length} (default length if null). */
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public Instant heartbeat(UUID id, String token, Duration length) {
        return holding.heartbeat(id, token, length);
    }

    /** The holder gives the job back without a result. */
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public void release(UUID id, String token) {
        holding.release(id, token);
    }

    /** Fulfills the job with a JSON value, stored as {@code application/json}. */
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public JobView fulfill(UUID id, String token, JsonValue value) {
        return fulfill(id, token, Fulfillment.jsonBytes(value), "application/json");
    }

    /** Fulfills the job with {@code value}; at most one value is ever stored for a job. */
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public JobView fulfill(UUID id, String token, byte[] value, String contentType) {
        if (id != null && !OutOfScope.among(em, scope, List.of(id)).isEmpty()) {
            throw new JobNotFoundException(id); // before the token is judged: a refusal would tell the job exists
        }
        fulfilling.fulfill(id, token, value, contentType);
        em.flush(); // a statement may have fulfilled it: the view is read from what this transaction wrote
        return JobView.of(find(id, LockModeType.NONE), clock.instant());
    }

    /**
     * Fulfills many leased jobs with JSON values in one transaction: the worker pools' group
     * commit. Each job is checked against its own token as {@link #fulfill} does, and one that
     * cannot be fulfilled (lease lost, result too large) is left alone without spoiling the
     * others: the answer maps its id to the reason.
     */
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public Map<UUID, JobStoreException> fulfillAll(List<Fulfillment> fulfillments) {
        scope.requireUnscoped("a grouped fulfill");
        Map<UUID, JobStoreException> refused = fulfilling.fulfillAll(fulfillments);
        em.flush();
        return refused;
    }

    /** Reports a failed attempt: retried after the backoff while attempts remain and {@code retry}. */
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public JobView fail(UUID id, String token, String error, boolean retry) {
        Job job = holding.fail(id, token, error, retry);
        em.flush(); // the view must show the version this write gets
        return JobView.of(job, clock.instant());
    }

    /** The holder reports how far it got ({@code 0 <= completed <= total}). */
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public JobView progress(UUID id, String token, long completed, long total) {
        Job job = holding.progress(id, token, completed, total);
        em.flush(); // the view must show the version this write gets
        return JobView.of(job, clock.instant());
    }

    private Job find(UUID id, LockModeType lock) {
        Job job = JobLookup.require(em, id, lock);
        scope.requireJob(id, job.queue());
        return job;
    }
}
