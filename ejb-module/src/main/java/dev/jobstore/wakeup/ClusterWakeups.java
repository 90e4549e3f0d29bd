package dev.jobstore.wakeup;

import dev.jobstore.storage.JobStorage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes this node's waiting pulls when another node announces work, for as long as the
 * application is deployed (see {@link JobStorage#listen}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterWakeups {

    private static final Logger LOG = Logger.getLogger(ClusterWakeups.class.getName());

    @Inject
    JobStorage storage;

    @Inject
    WorkWaiters waiters;

    private AutoCloseable listening;

    @PostConstruct
    void start() {
        listening = storage.listen(waiters::wake);
    }

    @PreDestroy
    void stop() {
        try {
            listening.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Stopping the cluster listener failed", e);
        }
    }
}
