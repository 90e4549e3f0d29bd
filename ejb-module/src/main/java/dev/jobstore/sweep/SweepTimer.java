package dev.jobstore.sweep;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.webhook.WebhookDeliverer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code jobstore.sweep.interval}: reclaims expired work and notification leases and
 * starts the webhook deliveries that are due. The timer is not persistent (the database holds
 * all state) and only hands the sweep to the managed executor, skipping a tick while the
 * previous sweep still runs.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ClockSync"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SweepTimer {

    private static final Logger LOG = Logger.getLogger(SweepTimer.class.getName());

    @Resource
    TimerService timers;

    @Resource
    ManagedExecutorService executor;

    @Inject
    LeaseSweep leases;

    @Inject
    WebhookDeliverer webhooks;

    @Inject
    JobStoreSettings settings;

    @Inject
    Clock clock;

    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile Instant lastSweepEnded;

    @PostConstruct
    void schedule() {
        long interval = settings.sweepInterval().toMillis();
        lastSweepEnded = clock.instant();
        timers.createIntervalTimer(interval, interval, new TimerConfig("jobstore-sweep", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTick() {
        if (sweeping.compareAndSet(false, true)) {
            executor.execute(this::sweepOnce);
        }
    }

    private void sweepOnce() {
        try {
            Instant now = clock.instant();
            int reclaimed = leases.sweepExpiredLeases(now) + leases.sweepExpiredNotificationLeases(now);
            int started = webhooks.deliverDue(now);
            if (reclaimed + started > 0) {
                LOG.fine(() ->
                        "Sweep reclaimed " + reclaimed + " leases and started " + started + " webhook deliveries");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sweep failed; the next tick retries", e);
        } finally {
            lastSweepEnded = clock.instant();
            sweeping.set(false);
        }
    }

    /**
     * When the last sweep ended, successful or not (before the first, when the timer started):
     * sweeps that stop ending mean expired leases are no longer reclaimed on this node.
     */
    public Instant lastSweepEnded() {
        return lastSweepEnded;
    }
}
