package dev.jobstore.history;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.job.MinuteCounts;
import dev.jobstore.metrics.QueueGauges;
import dev.jobstore.queue.QueueDepths;
import dev.jobstore.queue.QueueDepths.Depth;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code jobstore.history.flush-interval}: adds this node's tallies to the history, reads
 * the queues' depth once for the current minute's sample and the metrics' gauges, and deletes
 * minutes past the retention.
 * Each step is its own transaction; tallies whose step failed wait for the next tick.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ClockSync"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HistoryTimer {

    private static final Logger LOG = Logger.getLogger(HistoryTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    MinuteTally tally;

    @Inject
    HistoryWriter writer;

    @Inject
    QueueDepths depths;

    @Inject
    QueueGauges gauges;

    @Inject
    JobStoreSettings settings;

    @Inject
    Clock clock;

    @PostConstruct
    void schedule() {
        long interval = settings.historyFlushInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("jobstore-history", false));
    }

    @Timeout
    void tick() {
        flush();
        Instant now = clock.instant();
        try {
            Map<String, Depth> read = depths.read(now);
            gauges.update(read, now);
            writer.recordDepths(read, now.truncatedTo(ChronoUnit.MINUTES));
            writer.prune(now.minus(settings.historyRetention()));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Sampling or pruning the queues' history failed; the next tick retries", e);
        }
    }

    @PreDestroy
    void flushBeforeStopping() {
        flush();
    }

    private void flush() {
        List<MinuteCounts> counts = tally.drain();
        if (counts.isEmpty()) {
            return;
        }
        try {
            writer.add(counts);
        } catch (RuntimeException e) {
            tally.restore(counts);
            LOG.log(Level.FINE, "Adding to the queues' history failed; the next tick retries", e);
        }
    }
}
