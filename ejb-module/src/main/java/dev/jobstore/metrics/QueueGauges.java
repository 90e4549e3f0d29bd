package dev.jobstore.metrics;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.queue.QueueDepths;
import dev.jobstore.queue.QueueDepths.Claimable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code jobstore.metrics.queue-depth-interval}: reads each queue's pending and running
 * jobs and the age of its oldest pending one into gauges. Read on a timer rather than at each
 * scrape, so scrapes never query the database and a node queries it at a steady pace.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ClockSync"})
public class QueueGauges {

    private static final Logger LOG = Logger.getLogger(QueueGauges.class.getName());

    @Resource
    TimerService timers;

    @Inject
    QueueDepths depths;

    @Inject
    MeterRegistry registry;

    @Inject
    JobStoreSettings settings;

    @Inject
    Clock clock;

    /** The last depths read, by queue; a queue read once keeps its gauges, at zero when empty. */
    private volatile Map<String, Depth> depthsNow = Map.of();

    private final Set<String> gauged = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void schedule() {
        long interval = settings.queueDepthInterval().toMillis();
        timers.createIntervalTimer(0, interval, new TimerConfig("jobstore-queue-gauges", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // reads only
    void refresh() {
        try {
            Instant now = clock.instant();
            Map<String, Claimable> claimable = depths.claimable(now);
            Map<String, Long> running = depths.running();
            Map<String, Depth> read = new HashMap<>();
            claimable.forEach((queue, due) ->
                    read.put(queue, new Depth(due.count(), 0, seconds(due.oldestDueAt(), now))));
            running.forEach((queue, count) -> read.merge(queue, new Depth(0, count, 0), Depth::plus));
            depthsNow = read;
            read.keySet().stream().filter(gauged::add).forEach(this::registerGauges);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Reading queue depths failed; the gauges keep their last values", e);
        }
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
        registry.gauge(
                "jobstore.queue.oldest.pending.age.seconds",
                tags,
                this,
                gauges -> gauges.depth(queue).oldestPendingSeconds());
    }

    private Depth depth(String queue) {
        return depthsNow.getOrDefault(queue, Depth.EMPTY);
    }

    private static Tags tags(String queue) {
        return Tags.of("queue", queue);
    }

    private static double seconds(Instant since, Instant now) {
        return Math.max(0, Duration.between(since, now).toMillis() / 1000.0);
    }

    private record Depth(long pending, long running, double oldestPendingSeconds) {
        static final Depth EMPTY = new Depth(0, 0, 0);

        Depth plus(Depth other) {
            return new Depth(
                    pending + other.pending,
                    running + other.running,
                    Math.max(oldestPendingSeconds, other.oldestPendingSeconds));
        }
    }
}
