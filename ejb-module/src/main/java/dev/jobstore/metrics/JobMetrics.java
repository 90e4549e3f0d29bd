package dev.jobstore.metrics;

import dev.jobstore.event.JobCompromised;
import dev.jobstore.event.JobCreated;
import dev.jobstore.event.JobFailed;
import dev.jobstore.event.JobFulfilled;
import dev.jobstore.wakeup.WorkWaiters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The per-queue meters. Counters follow the store's events, which fire only after their
 * transaction commits, so a rolled-back create is never counted. Meters are looked up once per
 * queue and kept: the hot path only adds to them.
 */
@ApplicationScoped
public class JobMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    WorkWaiters waiters;

    private final Map<String, QueueMeters> queues = new ConcurrentHashMap<>();
    private final Map<String, Counter> compromised = new ConcurrentHashMap<>();
    private final Map<String, Counter> webhooks = new ConcurrentHashMap<>();

    @PostConstruct
    void gaugeWaitingPulls() {
        registry.gauge("jobstore.pulls.waiting", Tags.empty(), waiters, WorkWaiters::waitingTotal);
    }

    /** A claim of {@code queue} took {@code took}. */
    public void claimed(String queue, Duration took) {
        meters(queue).claim.record(took);
    }

    /** A job of {@code queue} started {@code waited} after it became due. */
    public void started(String queue, Duration waited) {
        meters(queue).waitToStart.record(waited.isNegative() ? Duration.ZERO : waited);
    }

    /** A job of {@code queue} was fulfilled by a store statement that took {@code took}. */
    public void fulfillStored(String queue, Duration took) {
        meters(queue).fulfill.record(took);
    }

    /** A webhook attempt ended: {@code delivered}, {@code retry} or {@code dead}. */
    public void webhook(String outcome) {
        webhooks.computeIfAbsent(outcome, key -> registry.counter("jobstore.webhook.deliveries", "outcome", key))
                .increment();
    }

    /**
     * Gauges of an in-process worker pool, read from {@code pool} at each scrape: handlers busy
     * and slots idle. They hold the pool weakly, so a pool that is gone stops being reported.
     */
    public <T> void workerPool(String queue, String name, T pool, ToDoubleFunction<T> busy, ToDoubleFunction<T> idle) {
        Tags tags = Tags.of("queue", queue, "pool", name);
        registry.gauge("jobstore.worker.pool.busy", tags, pool, busy);
        registry.gauge("jobstore.worker.pool.idle", tags, pool, idle);
    }

    void created(@Observes JobCreated event) {
        meters(event.queue()).created.increment();
    }

    void fulfilled(@Observes JobFulfilled event) {
        meters(event.queue()).fulfilled.increment();
    }

    void failed(@Observes JobFailed event) {
        QueueMeters meters = meters(event.queue());
        (event.retryAt() == null ? meters.failedForGood : meters.failedToRetry).increment();
    }

    void compromised(@Observes JobCompromised event) {
        compromised
                .computeIfAbsent(
                        event.queue() + '\n' + event.reason(),
                        key -> registry.counter(
                                "jobstore.jobs.compromised", "queue", event.queue(), "reason", event.reason()))
                .increment();
    }

    private QueueMeters meters(String queue) {
        return queues.computeIfAbsent(queue, this::register);
    }

    // Only the registry's name-and-tags methods: see LatencyHistogram for why not builders.
    // Jobs created count as "enqueued": Prometheus's naming drops a "_created" suffix.
    private QueueMeters register(String queue) {
        Tags tags = Tags.of("queue", queue);
        return new QueueMeters(
                registry.counter("jobstore.jobs.enqueued", tags),
                registry.counter("jobstore.jobs.fulfilled", tags),
                registry.counter("jobstore.jobs.failed", tags.and("final", "false")),
                registry.counter("jobstore.jobs.failed", tags.and("final", "true")),
                new LatencyHistogram(registry, "jobstore.claim", tags),
                new LatencyHistogram(registry, "jobstore.fulfill", tags),
                new LatencyHistogram(registry, "jobstore.job.wait", tags));
    }

    private record QueueMeters(
            Counter created,
            Counter fulfilled,
            Counter failedToRetry,
            Counter failedForGood,
            LatencyHistogram claim,
            LatencyHistogram fulfill,
            LatencyHistogram waitToStart) {}
}
