package dev.jobstore.batch;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.worker.WorkerOptions;
import dev.jobstore.worker.WorkerPools;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The worker pool that runs the batch queue's jobs ({@link LeasedBatches}) on every node, with
 * {@code jobstore.batch.concurrency} executions at once (0: this node runs none) under leases of
 * {@code jobstore.batch.lease}, heartbeated every third of it. {@link WorkerPools} drains it when
 * the application stops.
 */
@Singleton
@Startup
@DependsOn("WorkerPools")
public class LeasedBatchPool {

    @EJB
    WorkerPools pools;

    @Inject
    LeasedBatches batches;

    @Inject
    JobStoreSettings settings;

    @Inject
    @ConfigProperty(name = "jobstore.batch.concurrency", defaultValue = "2")
    int concurrency;

    @Inject
    @ConfigProperty(name = "jobstore.batch.lease", defaultValue = "PT30S")
    Duration lease;

    @PostConstruct
    void start() {
        if (concurrency > 0) {
            WorkerOptions options =
                    WorkerOptions.defaults().withConcurrency(concurrency).withLease(lease, lease.dividedBy(3));
            pools.processJobs(settings.batchQueue(), options, batches::run);
        }
    }
}
