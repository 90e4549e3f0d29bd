package dev.jobstore.metrics;

import dev.jobstore.queue.QueueDepths.Depth;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauges of each queue's pending and running jobs and the age of its oldest pending one, from
 * the depths the history samples (every {@code jobstore.history.flush-interval}): scrapes never
 * query the database, and a node reads the depths once for both.
 */
@ApplicationScoped
public class QueueGauges {

    private static final Depth EMPTY = new Depth(0, 0, 0, null);

    @Inject
    MeterRegistry registry;

    /** The last depths read, by queue; a queue read once keeps its gauges, at zero when empty. */
    private volatile Map<String, Depth> depthsNow = Map.of();

    private volatile Instant readAt = Instant.EPOCH;

    private final Set<String> gauged = ConcurrentHashMap.newKeySet();

    /** Shows {@code depths}, read at {@code at}. */
    public void update(Map<String, Depth> depths, Instant at) {
        depthsNow = depths;
        readAt = at;
        depths.keySet().stream().filter(gauged::add).forEach(this::registerGauges);
    }

    // Only the registry's name-and-tags methods: see LatencyHistogram for why not builders.
    private void registerGauges(String queue) {
        Tags tags = Tags.of("queue", queue);
        registry.gauge(
                "jobstore.jobs.pending",
                tags,
                this,
                gauges -> gauges.depth(queue).pending());
        registry.gauge(
                "jobstore.jobs.running",
                tags,
                this,
                gauges -> gauges.depth(queue).running());
        registry.gauge("jobstore.queue.oldest.pending.age.seconds", tags, this, gauges -> gauges.oldestAge(queue));
    }

    private Depth depth(String queue) {
        return depthsNow.getOrDefault(queue, EMPTY);
    }

    private double oldestAge(String queue) {
        Duration age = depth(queue).oldestPendingAge(readAt);
        return age == null ? 0 : Math.max(0, age.toMillis() / 1000.0);
    }
}
