package dev.jobstore.maintenance;

import dev.jobstore.storage.JobStorage;
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
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code jobstore.vacuum.interval}, vacuums the tables that are due on a database that
 * needs it ({@link JobStorage#vacuumDue}: PostgreSQL with autovacuum off, past {@code
 * jobstore.vacuum.min-dead-rows} dead rows). {@code jobstore.vacuum.enabled=false} turns it off.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class VacuumTimer {

    private static final Logger LOG = Logger.getLogger(VacuumTimer.class.getName());

    @Resource
    TimerService timers;

    @Resource
    ManagedExecutorService executor;

    @Inject
    JobStorage storage;

    @Inject
    @ConfigProperty(name = "jobstore.vacuum.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "jobstore.vacuum.interval", defaultValue = "PT5S")
    Duration interval;

    @Inject
    @ConfigProperty(name = "jobstore.vacuum.min-dead-rows", defaultValue = "10000")
    long minDeadRows;

    private final AtomicBoolean vacuuming = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        if (enabled && storage.vacuums()) {
            timers.createIntervalTimer(
                    interval.toMillis(), interval.toMillis(), new TimerConfig("jobstore-vacuum", false));
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTick() {
        if (vacuuming.compareAndSet(false, true)) {
            executor.execute(this::vacuumDue);
        }
    }

    private void vacuumDue() {
        try {
            storage.vacuumDue(minDeadRows);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Vacuum failed; the next tick retries", e);
        } finally {
            vacuuming.set(false);
        }
    }
}
