package dev.jobstore.webhook;

import dev.jobstore.event.AfterCommit;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobResult;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.Rows;
import dev.jobstore.job.StoredResult;
import dev.jobstore.job.TargetState;
import dev.jobstore.metrics.JobMetrics;
import dev.jobstore.notification.NotificationTarget;
import dev.jobstore.notification.WebhookSecret;
import dev.jobstore.notification.WebhookTargets;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactions around a webhook call: an attempt is counted and the target held before the
 * call, and the outcome recorded after it. The HTTP call itself runs outside any transaction.
 */
@Stateless
public class WebhookAttempts {

    private static final String DELIVERED = "delivered";
    private static final String RETRY = "retry";
    private static final String DEAD = "dead";

    @PersistenceContext
    EntityManager em;

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookTargets targets;

    @Inject
    AfterCommit afterCommit;

    @Inject
    JobMetrics metrics;

    /** Starts an attempt if the target is due and its job FULFILLED. */
    public Optional<WebhookCall> begin(UUID targetId, Instant now) {
        NotificationTarget target = Rows.find(em, NotificationTarget.class, targetId, LockModeType.PESSIMISTIC_WRITE);
        if (target == null || !target.isWebhookDueAt(now)) {
            return Optional.empty();
        }
        Job job = Rows.find(em, Job.class, target.jobId());
        if (job == null || job.status(now) != JobStatus.FULFILLED) {
            return Optional.empty();
        }
        URI url = WebhookTargets.webhookUrl(target.target()).orElseThrow();
        if (!targets.allows(url)) {
            target.dead(WebhookTargets.notAllowed(url));
            countAfterCommit(DEAD);
            return Optional.empty();
        }
        // Held for two timeouts: if this node dies mid-call, the target is due again after that.
        int attempt = target.startAttempt(now, settings.timeout().multipliedBy(2));
        StoredResult value = Rows.find(em, JobResult.class, job.id()).toStoredResult();
        List<WebhookSecret> secrets = WebhookTargets.secrets(target.target());
        return Optional.of(new WebhookCall(
                target.id(),
                job.id(),
                job.fence(),
                job.queue(),
                job.traceparent(),
                url,
                value.content(),
                value.contentType(),
                attempt,
                secrets.isEmpty() ? settings.secrets() : secrets));
    }

    public void succeeded(UUID targetId, Instant now) {
        NotificationTarget target = Rows.find(em, NotificationTarget.class, targetId, LockModeType.PESSIMISTIC_WRITE);
        if (target != null && target.state() == TargetState.PENDING) {
            target.webhookDelivered(now);
            countAfterCommit(DELIVERED);
        }
    }

    /** The target may never be delivered (its host resolves to no address a webhook may reach). */
    public void refused(UUID targetId, String error) {
        NotificationTarget target = Rows.find(em, NotificationTarget.class, targetId, LockModeType.PESSIMISTIC_WRITE);
        if (target != null && target.state() == TargetState.PENDING) {
            target.dead(error);
            countAfterCommit(DEAD);
        }
    }

    /** Records a failed attempt; returns when the target is due again, or null if it is dead. */
    public Instant failed(UUID targetId, String error, Instant now) {
        NotificationTarget target = Rows.find(em, NotificationTarget.class, targetId, LockModeType.PESSIMISTIC_WRITE);
        if (target == null || target.state() != TargetState.PENDING) {
            return null;
        }
        Instant dueAgain = target.attemptFailed(error, now, settings.maxAttempts(), settings.backoff());
        countAfterCommit(dueAgain == null ? DEAD : RETRY);
        return dueAgain;
    }

    private void countAfterCommit(String outcome) {
        afterCommit.run(() -> metrics.webhook(outcome));
    }

    /** Webhook targets of fulfilled jobs that are due at {@code now}. */
    public List<UUID> due(Instant now, int limit) {
        return em.createQuery("""
                        select t.id from NotificationTarget t, Job j
                        where t.jobId = j.id and j.status = :fulfilled and t.state = :pending
                          and t.webhook = true and t.nextAttemptAt <= :now
                        order by t.nextAttemptAt""", UUID.class)
                .setParameter("fulfilled", JobStatus.FULFILLED)
                .setParameter("pending", TargetState.PENDING)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }
}
