package dev.jobstore.webhook;

import dev.jobstore.event.WebhooksDue;
import dev.jobstore.tracing.Operation;
import dev.jobstore.tracing.Tracing;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * POSTs fulfilled values to webhook targets. A fulfill triggers delivery right after its
 * commit (Notifications#jobsFulfilled); a failed attempt schedules its retry in memory, and the sweep timer picks up whatever
 * that missed (a restart, another node's work), so every due target is eventually tried.
 *
 * <p>Each request is signed per Standard Webhooks ({@code webhook-id}, the same on every retry
 * for receivers to drop duplicates; {@code webhook-timestamp}; {@code webhook-signature}) and
 * carries {@code Jobstore-Job-Id}, {@code Jobstore-Delivery-Id} (the webhook id), {@code
 * Jobstore-Attempt} and {@code Jobstore-Fence} (the fencing number of the lease that fulfilled the
 * job). Any 2xx answer delivers the target; redirects are not followed. A host that
 * resolves only to addresses webhooks may not reach makes the target DEAD at once.
 */
@ApplicationScoped
public class WebhookDeliverer {

    static final int SWEEP_BATCH = 200;

    private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    WebhookAttempts attempts;

    @Inject
    WebhookSettings settings;

    @Inject
    Clock clock;

    @Inject
    Tracing tracing;

    /** Targets being delivered on this node: a second trigger for one of them is dropped. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    private WebhookClient client;

    @PostConstruct
    void createClient() {
        client = new WebhookClient(settings.timeout(), new PublicAddresses(settings.allowedPrivateNetworks()));
    }

    @PreDestroy
    void closeClient() {
        client.close();
    }

    void onDue(@Observes WebhooksDue due) {
        due.targetIds().forEach(this::deliverSoon);
    }

    /** Tries {@code targetId} on the managed executor, unless it is already under way here. */
    public void deliverSoon(UUID targetId) {
        if (!inFlight.add(targetId)) {
            return;
        }
        executor.execute(() -> {
            try {
                deliver(targetId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Webhook delivery " + targetId + " failed to run; the sweep retries it", e);
            } finally {
                inFlight.remove(targetId);
            }
        });
    }

    /** Starts every webhook due at {@code now}; returns how many. */
    public int deliverDue(Instant now) {
        List<UUID> due = attempts.due(now, SWEEP_BATCH);
        due.forEach(this::deliverSoon);
        return due.size();
    }

    private void deliver(UUID targetId) {
        Optional<WebhookCall> call = attempts.begin(targetId, clock.instant());
        if (call.isEmpty()) {
            return;
        }
        tracing.inSpanOf(Operation.WEBHOOK, call.get().queue(), call.get().traceparent(), span -> {
            span.job(call.get().jobId()).webhookAttempt(call.get().attempt());
            WebhookClient.Outcome outcome = client.post(call.get(), clock.instant(), span.traceparent());
            if (!outcome.delivered()) {
                span.failed(outcome.error());
            }
            attempt(call.get(), outcome);
            return null;
        });
    }

    /** Records how an attempt went, and schedules the retry of a failed one. */
    private void attempt(WebhookCall call, WebhookClient.Outcome outcome) {
        UUID targetId = call.deliveryId(); // a target's delivery id is its own id
        if (outcome.delivered()) {
            attempts.succeeded(targetId, clock.instant());
            return;
        }
        String error = outcome.error();
        if (outcome.refused()) {
            attempts.refused(targetId, error);
            LOG.info(() -> "Webhook " + targetId + " of job " + call.jobId() + " is dead: " + error);
            return;
        }
        Instant retryAt = attempts.failed(targetId, error, clock.instant());
        if (retryAt == null) {
            LOG.info(() -> "Webhook " + targetId + " of job " + call.jobId() + " is dead after " + call.attempt()
                    + " attempts: " + error);
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), retryAt).toMillis()) + 5;
        scheduler.schedule(() -> deliverSoon(targetId), delay, TimeUnit.MILLISECONDS);
    }
}
