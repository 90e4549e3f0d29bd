package dev.jobstore.worker;

import dev.jobstore.config.JobStoreSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code jobstore.history.flush-interval}, writes this node's worker pools to the
 * database, where the dashboard reads every node's; deletes the rows of pools this node stopped,
 * and of nodes that stopped reporting ({@link PoolReport#staleAfter}).
 */
@Singleton
@Startup
@DependsOn("WorkerPools")
public class PoolReports {

    @EJB
    WorkerPools pools;

    @PersistenceContext
    EntityManager em;

    @Resource
    TimerService timers;

    @Inject
    JobStoreSettings settings;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "jboss.node.name", defaultValue = "local")
    String node;

    @PostConstruct
    void schedule() {
        long interval = settings.historyFlushInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("jobstore-worker-pools", false));
    }

    @Timeout
    void report() {
        Instant now = clock.instant();
        List<PoolStatus> current = pools.statuses();
        current.forEach(status -> em.merge(new PoolReport(node, status, now)));
        em.createQuery(
                        "delete from PoolReport p where p.reportedAt < :stale or (p.node = :node and p.name not in :names)")
                .setParameter("stale", now.minus(PoolReport.staleAfter(settings.historyFlushInterval())))
                .setParameter("node", node)
                .setParameter(
                        "names",
                        current.isEmpty()
                                ? List.of("")
                                : current.stream().map(PoolStatus::name).toList())
                .executeUpdate();
    }

    @PreDestroy
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    void forget() {
        em.createQuery("delete from PoolReport p where p.node = :node")
                .setParameter("node", node)
                .executeUpdate();
    }
}
