package dev.jobstore.notification;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.event.AfterCommit;
import dev.jobstore.event.WebhooksDue;
import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobLookup;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.PayloadTooLargeException;
import dev.jobstore.job.Rows;
import dev.jobstore.job.TargetNotFoundException;
import dev.jobstore.job.TargetState;
import dev.jobstore.job.TargetView;
import dev.jobstore.lease.LeaseHandles;
import dev.jobstore.lease.LeaseLength;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.security.CallerScope;
import dev.jobstore.security.Roles;
import dev.jobstore.wakeup.Wakeups;
import dev.jobstore.wakeup.WorkWaiters;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.hibernate.query.NativeQuery;

/**
 * Notification targets and notification leases: queue who should hear of a job's value, and
 * let notifiers take a fulfilled job's pending targets, one notifier per job at a time.
 * Inject it with {@code @Inject Notifications notifications}.
 */
@Stateless
public class Notifications {

    /** The long-poll channel of notifiers (no queue name can contain a slash). */
    public static final String CHANNEL = "/notifications";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    JobStoreSettings settings;

    @Inject
    WebhookTargets webhooks;

    @Inject
    AfterCommit afterCommit;

    @Inject
    WorkWaiters waiters;

    @Inject
    Wakeups wakeups;

    @Inject
    NotificationGrants grants;

    @Inject
    LeaseHandles handles;

    @Resource
    SessionContext session;

    @Inject
    CallerScope scope;

    /**
     * Queues {@code target} on the job; a target already queued (same canonical JSON) is
     * returned as it is. On a FULFILLED job the target is due at once.
     */
    @RolesAllowed({Roles.PRODUCER, Roles.ADMIN})
    public Queued queue(UUID jobId, JsonValue target) {
        if (target == null) {
            throw new InvalidRequestException("a target (any JSON value) is required");
        }
        int size = target.toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > settings.targetLimit()) {
            throw new PayloadTooLargeException("target", size, settings.targetLimit(), "jobstore.limits.target-bytes");
        }
        Optional<URI> url = WebhookTargets.webhookUrl(target);
        if (url.isPresent()) {
            webhooks.requireAllowed(url.get());
            WebhookTargets.secrets(target); // a malformed secret is refused now, not at delivery
        }
        Job job = findJob(jobId, LockModeType.NONE);
        Optional<NotificationTarget> existing = em.createQuery(
                        "select t from NotificationTarget t where t.jobId = :job and t.targetHash = :hash",
                        NotificationTarget.class)
                .setParameter("job", jobId)
                .setParameter("hash", CanonicalJson.hash(target))
                .getResultStream()
                .findFirst();
        if (existing.isPresent()) {
            return new Queued(existing.get().view(), false);
        }
        Instant now = clock.instant();
        NotificationTarget queued = NotificationTarget.queue(jobId, target, url.isPresent(), now);
        em.persist(queued);
        if (job.status(now) == JobStatus.FULFILLED) {
            if (url.isPresent()) {
                afterCommit.fire(new WebhooksDue(List.of(queued.id())));
            } else {
                wakeups.afterCommit(CHANNEL);
            }
        }
        return new Queued(queued.view(), true);
    }

    /**
     * Jobs this transaction fulfilled: if any has pending targets, notifiers are woken and
     * webhooks tried once it commits. One query for the lot, which (reading no row this
     * transaction changed) does not flush its writes first.
     *
     * <p>A step of every fulfill, whoever fulfills: it needs no role of its own.
     */
    @PermitAll
    public void jobsFulfilled(Collection<UUID> jobIds) {
        // Plain SQL with an array parameter, like Dependencies' look; the scalar types are named
        // because H2 reports a uuid column as binary.
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery(
                        "select id, webhook from job_target where job_id = any(:jobs) and state = 'PENDING'")
                .unwrap(NativeQuery.class)
                .addScalar("id", UUID.class)
                .addScalar("webhook", Boolean.class)
                .setParameter("jobs", jobIds.toArray(UUID[]::new))
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList();
        if (due.stream().anyMatch(target -> !(Boolean) target[1])) {
            wakeups.afterCommit(CHANNEL);
        }
        List<UUID> dueWebhooks = due.stream()
                .filter(target -> (Boolean) target[1])
                .map(target -> (UUID) target[0])
                .toList();
        if (!dueWebhooks.isEmpty()) {
            afterCommit.fire(new WebhooksDue(dueWebhooks));
        }
    }

    /** Removes {@code target} from the job if it is still pending; returns 1 or 0. */
    @RolesAllowed({Roles.PRODUCER, Roles.ADMIN})
    public int unqueue(UUID jobId, JsonValue target) {
        return unqueueAll(jobId, List.of(target));
    }

    /** Removes those of {@code targets} that are still pending; returns how many. */
    @RolesAllowed({Roles.PRODUCER, Roles.ADMIN})
    public int unqueueAll(UUID jobId, List<JsonValue> targets) {
        if (targets == null) {
            throw new InvalidRequestException("an array of targets is required");
        }
        findJob(jobId, LockModeType.NONE);
        Set<String> hashes = targets.stream().map(CanonicalJson::hash).collect(Collectors.toSet());
        if (hashes.isEmpty()) {
            return 0;
        }
        return em.createQuery("""
                        delete from NotificationTarget t
                        where t.jobId = :job and t.state = :pending and t.targetHash in :hashes""")
                .setParameter("job", jobId)
                .setParameter("pending", TargetState.PENDING)
                .setParameter("hashes", hashes)
                .executeUpdate();
    }

    /**
     * Gives a DEAD webhook target a fresh round of attempts, the first at once (its host must
     * still be allowed). Admins only.
     */
    @RolesAllowed(Roles.ADMIN)
    public TargetView retryTarget(UUID jobId, UUID deliveryId) {
        findJob(jobId, LockModeType.NONE);
        NotificationTarget target = Rows.find(em, NotificationTarget.class, deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (target == null || !target.jobId().equals(jobId)) {
            throw new TargetNotFoundException(jobId, deliveryId);
        }
        WebhookTargets.webhookUrl(target.target()).ifPresent(webhooks::requireAllowed);
        target.retry(clock.instant());
        afterCommit.fire(new WebhooksDue(List.of(deliveryId)));
        return target.view();
    }

    /** Every target of the job, in the order they were queued. */
    @RolesAllowed({Roles.PRODUCER, Roles.WORKER, Roles.VIEWER, Roles.ADMIN})
    public List<TargetView> targets(UUID jobId) {
        return em.createQuery(
                        "select t from NotificationTarget t where t.jobId = :job order by t.createdAt, t.id",
                        NotificationTarget.class)
                .setParameter("job", jobId)
                .getResultStream()
                .map(NotificationTarget::view)
                .toList();
    }

    /** Leases one waiting notification to {@code worker}, if there is one now. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public Optional<NotificationLease> pullNotification(String worker) {
        return pullNotification(PullRequest.of(worker));
    }

    /** Leases one waiting notification, waiting up to {@code request.wait()} for one. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public Optional<NotificationLease> pullNotification(PullRequest request) {
        List<Notification> granted = WorkWaiters.join(pullNotificationAsync(request));
        Notifications self = session.getBusinessObject(Notifications.class);
        return granted.stream()
                .findFirst()
                .map(notification -> new NotificationLease(self, notification, handles.register(notification.token())));
    }

    /** Like {@link #pullNotification(PullRequest)} without holding a thread while it waits. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public CompletableFuture<List<Notification>> pullNotificationAsync(PullRequest request) {
        scope.requireUnscoped("a notification pull");
        if (request == null) {
            throw new InvalidRequestException("a pull request with a worker name is required");
        }
        if (request.max() != null && request.max() != 1) {
            throw new InvalidRequestException("a notification pull leases one notification: leave max out");
        }
        request.check(settings);
        Duration lease = LeaseLength.resolve(request.lease(), settings);
        return waiters.await(
                CHANNEL, request.waitOrDefault(), () -> grants.grant(request.worker(), lease), grants::giveBack);
    }

    /**
     * The notifier reports back: the {@code delivered} targets are done, the lease ends, and
     * the other targets stay pending for a later pull.
     */
    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public void done(UUID jobId, String token, List<JsonValue> delivered) {
        Instant now = clock.instant();
        findJob(jobId, LockModeType.PESSIMISTIC_WRITE); // the job row first, as a removal: the two never deadlock
        grants.end(jobId, token, now);
        Set<String> hashes = (delivered == null ? List.<JsonValue>of() : delivered)
                .stream().map(CanonicalJson::hash).collect(Collectors.toSet());
        List<NotificationTarget> pending = em.createQuery("""
                        select t from NotificationTarget t
                        where t.jobId = :job and t.state = :pending and t.webhook = false""", NotificationTarget.class)
                .setParameter("job", jobId)
                .setParameter("pending", TargetState.PENDING)
                .getResultList();
        pending.stream()
                .filter(target -> hashes.contains(target.targetHash()))
                .forEach(target -> target.delivered(now));
        afterCommit.run(() -> handles.close(token));
        if (pending.stream().anyMatch(target -> target.state() == TargetState.PENDING)) {
            wakeups.afterCommit(CHANNEL);
        }
    }

    private Job findJob(UUID jobId, LockModeType lock) {
        Job job = JobLookup.require(em, jobId, lock);
        scope.requireJob(jobId, job.queue());
        return job;
    }
}
