package dev.jobstore.wakeup;

import dev.jobstore.storage.JobStorage;
import dev.jobstore.storage.NodeListener;
import dev.jobstore.storage.NodeListener.ListenerState;
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

    @Inject
    JobStorage storage;

    @Inject
    WorkWaiters waiters;

    private NodeListener listening;

    @PostConstruct
    void start() {
        listening = storage.listen(waiters::wake, waiters::wakeAll);
    }

    /** Whether other nodes' announcements reach this node now. */
    public ListenerState listenerState() {
        return listening.state();
    }

    @PreDestroy
    void stop() {
        listening.close();
    }
}
