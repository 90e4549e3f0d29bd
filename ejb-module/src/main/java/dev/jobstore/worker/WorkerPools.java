package dev.jobstore.worker;

import dev.jobstore.job.Jsonp;
import dev.jobstore.job.QueueName;
import dev.jobstore.metrics.JobMetrics;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobLeases;
import dev.jobstore.store.JobStore;
import dev.jobstore.store.SystemIdentity;
import dev.jobstore.tracing.Operation;
import dev.jobstore.tracing.Tracing;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts worker pools ({@link #processJobs}, and one per {@link JobHandler} method at deploy)
 * and drains them all when the application stops: each running handler gets
 * {@code jobstore.workers.grace} to finish, then its lease is released.
 *
 * <p>A startup singleton that depends on the beans its drain calls (the store and those the
 * store calls to fulfill, fail and release): a deployment's beans stop in parallel, and a
 * reference by {@code @EJB} does not order them (a SIGTERM run found the handlers' last fulfills
 * refused by a stopped bean, their jobs waiting out their leases). WildFly honours
 * {@code @DependsOn} on stateless beans too, and stops this bean before them.
 */
@Singleton
@Startup
@DependsOn({
    "SchemaMigration",
    "ClockSync",
    "SystemIdentity",
    "CurrentCaller",
    "JobStore",
    "LeaseGrants",
    "Notifications",
    "NotificationGrants",
    "Dependencies"
})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WorkerPools {

    private static final Logger LOG = Logger.getLogger(WorkerPools.class.getName());

    @EJB
    JobStore store;

    @EJB
    SystemIdentity system;

    @Inject
    GroupedFulfills fulfills;

    @Inject
    JobMetrics metrics;

    @Inject
    JobLeases leases;

    @Inject
    JobHandlerExtension extension;

    @Inject
    BeanManager beans;

    @Inject
    Tracing tracing;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "jobstore.workers.grace", defaultValue = "PT10S")
    Duration grace;

    /** Part of every pool's worker name, so a lease's owner tells which node holds it. */
    @Inject
    @ConfigProperty(name = "jboss.node.name", defaultValue = "local")
    String node;

    private final List<WorkerPool> pools = new CopyOnWriteArrayList<>();

    /** Starts a pool of handlers on {@code queue}; the handle pauses, resumes and stops it. */
    public WorkerPool processJobs(String queue, WorkerOptions options, JobProcessor processor) {
        QueueName.require(queue);
        options.check();
        String name = "pool-" + queue + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + node;
        WorkerPool pool = new WorkerPool(
                queue,
                name,
                options,
                traced(queue, processor),
                (pulled, request) -> system.call(() -> store.pullWorkAsync(pulled, request)),
                leases::openAsSystem,
                fulfills::fulfill,
                executor,
                scheduler,
                System::nanoTime);
        pools.add(pool);
        metrics.workerPool(queue, name, pool, WorkerPool::running, p -> options.concurrency() - p.running());
        pool.start();
        return pool;
    }

    /** The pools running on this node. */
    public List<PoolStatus> statuses() {
        return pools.stream()
                .filter(pool -> !pool.isShutdown())
                .map(WorkerPool::status)
                .toList();
    }

    @PostConstruct
    void startAnnotatedHandlers() {
        for (JobHandlerExtension.Found found : extension.handlers()) {
            JobHandler handler = found.handler();
            WorkerOptions options = WorkerOptions.defaults()
                    .withConcurrency(handler.concurrency())
                    .withLease(
                            Duration.parse(handler.lease()),
                            Duration.parse(handler.lease()).dividedBy(3))
                    .withBatchSize(handler.batchSize());
            processJobs(handler.queue(), options, invoking(found));
            LOG.info(() -> "Started " + handler.concurrency() + " handler(s) " + found.method() + " on queue "
                    + handler.queue());
        }
    }

    /** Each run of a handler in a span of the job's producer trace (see {@link Tracing#inSpanOf}). */
    private JobProcessor traced(String queue, JobProcessor processor) {
        return lease -> tracing.inSpanOf(Operation.PROCESS, queue, lease.job().traceparent(), span -> {
            span.job(lease.jobId()).attempt(lease.job().attempts());
            return processor.process(lease);
        });
    }

    private JobProcessor invoking(JobHandlerExtension.Found found) {
        Object bean = beans.getReference(
                found.bean(), found.method().getDeclaringClass(), beans.createCreationalContext(found.bean()));
        return lease -> {
            Object argument = found.method().getParameterTypes()[0] == JobLease.class ? lease : lease.payload();
            try {
                Object result = found.method().invoke(bean, argument);
                return result instanceof String text ? Jsonp.PROVIDER.createValue(text) : (JsonValue) result;
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        };
    }

    @PreDestroy
    void drain() {
        pools.forEach(WorkerPool::pause);
        LOG.info(() -> "Draining worker pools: "
                + pools.stream().mapToInt(WorkerPool::held).sum() + " job(s) held");
        long start = System.nanoTime();
        long deadline = start + grace.toNanos();
        for (WorkerPool pool : pools) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!pool.shutdown(left)) {
                LOG.warning(() -> "Handlers on queue " + pool.queue() + " did not finish within " + grace
                        + "; their leases were released");
            }
        }
        LOG.info(() -> "Worker pools drained in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
