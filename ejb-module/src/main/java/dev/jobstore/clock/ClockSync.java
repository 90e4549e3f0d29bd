package dev.jobstore.clock;

import dev.jobstore.storage.JobStorage;
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
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Measures how far the database's clock is from this node's, at deployment and every {@code
 * jobstore.clock.sync-interval}, so that the store's {@link AlignedClock} follows the
 * database's. The deployment fails if the first measurement does (so nothing runs on the
 * node's own clock); a later failure keeps the last offset. Each reading is a statement
 * outside any transaction, on a connection of the pool. A node more than a second off is
 * logged: the store stays correct, but its clock (and its logs' times) should be fixed.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class ClockSync {

    private static final Logger LOG = Logger.getLogger(ClockSync.class.getName());
    private static final Duration NOTABLE = Duration.ofSeconds(1);
    /** Readings per measurement: the one with the shortest round trip is the most exact. */
    private static final int READINGS = 3;

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
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        align();
        timers.createIntervalTimer(
                interval.toMillis(), interval.toMillis(), new TimerConfig("jobstore-clock-sync", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sync() {
        try {
            align();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read the database's clock; keeping the last offset", e);
        }
    }

    private void align() {
        AlignedClock clock = clocks.aligned();
        Duration before = clock.offset();
        Reading best = null;
        for (int i = 0; i < READINGS; i++) {
            Instant sentAt = clock.nodeInstant();
            Instant databaseTime = storage.databaseTime();
            Reading reading = new Reading(databaseTime, sentAt, clock.nodeInstant());
            if (best == null || reading.roundTrip().compareTo(best.roundTrip()) < 0) {
                best = reading;
            }
        }
        Duration offset = clock.align(best.databaseTime(), best.sentAt(), best.receivedAt());
        if (offset.abs().compareTo(NOTABLE) > 0 && before.minus(offset).abs().compareTo(NOTABLE) > 0) {
            LOG.warning(() -> "This node's clock is " + offset.negated().toMillis() + " ms off the database's;"
                    + " the store keeps the database's time");
        }
    }

    private record Reading(Instant databaseTime, Instant sentAt, Instant receivedAt) {
        Duration roundTrip() {
            return Duration.between(sentAt, receivedAt);
        }
    }
}
