package dev.jobstore.config;

import dev.jobstore.storage.JobStorage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Measures how far the database's clock is from this node's, at deployment and every {@code
 * jobstore.clock.sync-interval}, so that the store's {@link AlignedClock} follows the
 * database's. A node whose clock is more than a second off is logged: it still works correctly,
 * but its own clock (and its logs' times) should be fixed.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class ClockSync {

    private static final Logger LOG = Logger.getLogger(ClockSync.class.getName());
    private static final Duration NOTABLE = Duration.ofSeconds(1);

    @Inject
    ClockProducer clocks;

    @Inject
    JobStorage storage;

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "jobstore.clock.sync-interval", defaultValue = "PT10S")
    Duration interval;

    @PostConstruct
    void start() {
        sync();
        timers.createIntervalTimer(
                interval.toMillis(), interval.toMillis(), new TimerConfig("jobstore-clock-sync", false));
    }

    @Timeout
    void sync() {
        AlignedClock clock = clocks.aligned();
        try {
            Instant sentAt = clock.nodeInstant();
            Instant databaseTime = storage.databaseTime();
            Duration before = clock.offset();
            Duration offset = clock.align(databaseTime, sentAt, clock.nodeInstant());
            if (offset.abs().compareTo(NOTABLE) > 0
                    && before.minus(offset).abs().compareTo(NOTABLE) > 0) {
                LOG.warning(() -> "This node's clock is " + offset.negated().toMillis() + " ms off the database's;"
                        + " the store keeps the database's time");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read the database's clock; keeping the last offset", e);
        }
    }
}
