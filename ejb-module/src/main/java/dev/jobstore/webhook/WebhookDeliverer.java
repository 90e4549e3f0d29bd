package dev.jobstore.webhook;

import dev.jobstore.event.WebhooksDue;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * <p>Each request carries {@code Jobstore-Job-Id}, {@code Jobstore-Delivery-Id} (the same on
 * every retry, for receivers to drop duplicates) and {@code Jobstore-Attempt}. Any 2xx answer
 * delivers the target.
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

    /** Targets being delivered on this node: a second trigger for one of them is dropped. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    private HttpClient client;

    @PostConstruct
    void createClient() {
        client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
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
        String error = post(call.get());
        if (error == null) {
            attempts.succeeded(targetId, clock.instant());
            return;
        }
        Instant retryAt = attempts.failed(targetId, error, clock.instant());
        if (retryAt == null) {
            LOG.info(() -> "Webhook " + targetId + " of job " + call.get().jobId() + " is dead after "
                    + call.get().attempt() + " attempts: " + error);
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), retryAt).toMillis()) + 5;
        scheduler.schedule(() -> deliverSoon(targetId), delay, TimeUnit.MILLISECONDS);
    }

    /** Returns null on a 2xx answer, else what went wrong. */
    private String post(WebhookCall call) {
        HttpRequest request = HttpRequest.newBuilder(call.url())
                .timeout(settings.timeout())
                .header("Content-Type", call.contentType())
                .header("Jobstore-Job-Id", call.jobId().toString())
                .header("Jobstore-Delivery-Id", call.deliveryId().toString())
                .header("Jobstore-Attempt", Integer.toString(call.attempt()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.value()))
                .build();
        try {
            int status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "the receiver answered HTTP " + status;
        } catch (IOException e) {
            return "the call failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted (server shutting down)";
        }
    }
}
