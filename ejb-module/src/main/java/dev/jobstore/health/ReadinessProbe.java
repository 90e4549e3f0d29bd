package dev.jobstore.health;

import dev.jobstore.schema.SchemaMigration;
import dev.jobstore.schema.SchemaStatus;
import dev.jobstore.storage.NodeListener.ListenerState;
import dev.jobstore.wakeup.ClusterWakeups;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Ready when the store's database answers on a pooled connection, has every schema migration
 * this application ships, and (where nodes share it) this node's LISTEN connection is up. The
 * answer's data tells which part failed.
 */
@Stateless
@Local(HealthCheck.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReadinessProbe implements HealthCheck {

    private static final int ANSWER_WITHIN_SECONDS = 2;

    @Resource(lookup = "java:jboss/datasources/JobStoreDS")
    DataSource dataSource;

    @Inject
    SchemaMigration migration;

    @Inject
    ClusterWakeups wakeups;

    @Override
    public HealthCheckResponse call() {
        String database = database();
        String schema = schema();
        ListenerState listener = wakeups.listenerState();
        boolean ready = database.equals("UP") && !schema.startsWith("DOWN") && listener != ListenerState.RECONNECTING;
        return HealthCheckResponse.named("jobstore")
                .status(ready)
                .withData("database", database)
                .withData("schema", schema)
                .withData("clusterListener", listener.name())
                .build();
    }

    // A statement rather than Connection.isValid: a statement that fails on a broken connection
    // lets the pool's exception sorter drop it, so the pool recovers as soon as the database does.
    private String database() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(ANSWER_WITHIN_SECONDS);
            statement.execute("select 1");
            return "UP";
        } catch (SQLException | RuntimeException e) {
            return "DOWN: " + e.getMessage();
        }
    }

    private String schema() {
        try {
            SchemaStatus status = migration.status();
            return status.isCurrent()
                    ? "version " + status.version()
                    : "DOWN: at version " + status.version() + ", missing " + status.pending();
        } catch (RuntimeException e) {
            return "DOWN: " + e.getMessage();
        }
    }
}
