package dev.jobstore.maintenance;

import dev.jobstore.schema.DatabaseVendor;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Vacuums the store's busiest tables on a PostgreSQL whose autovacuum is off. Every job is
 * written three times, and each write leaves a dead row version and dead index entries behind;
 * unvacuumed, they pile up at the head of the claim index and every claim walks them (a
 * burn-down of 20,000 jobs ran at less than half speed after a few rounds). Every {@code
 * jobstore.vacuum.interval} the timer looks at PostgreSQL's counts of dead rows and vacuums
 * (and analyzes) a table with more than {@code jobstore.vacuum.min-dead-rows} dead rows that
 * are also a tenth of its live ones. One node at a time does it (an advisory lock). Where
 * autovacuum runs, this does nothing; {@code jobstore.vacuum.enabled=false} turns it off.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class VacuumTimer {

    private static final Logger LOG = Logger.getLogger(VacuumTimer.class.getName());
    /** Advisory lock key: "jobstore vacuum". */
    private static final long LOCK_KEY = 0x6a6f6273_76616375L;

    private static final String DUE = """
            select relname from pg_stat_user_tables
            where relname in ('job', 'job_result', 'job_target') and current_setting('autovacuum') = 'off'
                and n_dead_tup > ? and n_dead_tup > n_live_tup / 10""";

    @Resource(lookup = "java:jboss/datasources/JobStoreDS")
    DataSource dataSource;

    @Resource
    TimerService timers;

    @Resource
    ManagedExecutorService executor;

    @Inject
    DatabaseVendor vendor;

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
        if (enabled && vendor.isPostgresql()) {
            timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("jobstore-vacuum", false));
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
        // Outside any transaction: VACUUM cannot run in one, and the connection is in autocommit.
        try (Connection connection = dataSource.getConnection()) {
            if (!tryLock(connection)) {
                return; // another node is vacuuming
            }
            try {
                for (String table : dueTables(connection)) {
                    long start = System.nanoTime();
                    try (Statement vacuum = connection.createStatement()) {
                        vacuum.execute("vacuum (analyze) " + table);
                    }
                    LOG.fine(() -> "Vacuumed " + table + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                }
            } finally {
                try (Statement unlock = connection.createStatement()) {
                    unlock.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Vacuum failed; the next tick retries", e);
        } finally {
            vacuuming.set(false);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement lock = connection.createStatement();
             ResultSet locked = lock.executeQuery("select pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            return locked.next() && locked.getBoolean(1);
        }
    }

    private List<String> dueTables(Connection connection) throws SQLException {
        List<String> due = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(DUE)) {
            query.setLong(1, minDeadRows);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    due.add(rows.getString(1));
                }
            }
        }
        return due;
    }
}
