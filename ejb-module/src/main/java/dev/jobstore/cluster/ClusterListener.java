package dev.jobstore.cluster;

import dev.jobstore.lease.WorkWaiters;
import dev.jobstore.schema.DatabaseVendor;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * On PostgreSQL, listens for other nodes' wake-ups on one dedicated connection and wakes this
 * node's waiting pulls, so a job created on node A reaches a long poll on node B at once. If
 * the connection breaks (database restart) it reconnects; meanwhile the pulls' periodic
 * recheck still finds the work.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterListener {

    private static final Logger LOG = Logger.getLogger(ClusterListener.class.getName());
    private static final int POLL_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 1000;

    @Resource(lookup = "java:jboss/datasources/JobStoreDS")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    DatabaseVendor vendor;

    @Inject
    WorkWaiters waiters;

    private volatile boolean running;

    @PostConstruct
    void start() {
        if (vendor.isPostgresql()) {
            running = true;
            executor.execute(this::listen);
        }
    }

    @PreDestroy
    void stop() {
        running = false;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + ClusterSignals.PG_CHANNEL);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            String channel = ClusterSignals.channelFrom(notification.getParameter());
                            if (channel != null) {
                                waiters.wake(channel);
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "Listening for other nodes failed; reconnecting in 1 s", e);
                    sleepBeforeReconnect();
                }
            }
        }
    }

    private void sleepBeforeReconnect() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
