package dev.jobstore.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every tunable of the job store in one place. Each value is a MicroProfile Config property,
 * so it can be set as a system property ({@code -Djobstore.lease.default=PT1M}), an environment
 * variable ({@code JOBSTORE_LEASE_DEFAULT}) or in {@code microprofile-config.properties}.
 */
@ApplicationScoped
public class JobStoreSettings {

    @Inject
    @ConfigProperty(name = "jobstore.lease.default", defaultValue = "PT30S")
    Duration defaultLease;

    @Inject
    @ConfigProperty(name = "jobstore.lease.max", defaultValue = "PT1H")
    Duration maxLease;

    @Inject
    @ConfigProperty(name = "jobstore.pull.max-wait", defaultValue = "PT60S")
    Duration maxWait;

    @Inject
    @ConfigProperty(name = "jobstore.pull.max-batch", defaultValue = "100")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "jobstore.pull.recheck", defaultValue = "PT1S")
    Duration recheck;

    @Inject
    @ConfigProperty(name = "jobstore.sweep.interval", defaultValue = "PT5S")
    Duration sweepInterval;

    @Inject
    @ConfigProperty(name = "jobstore.history.flush-interval", defaultValue = "PT10S")
    Duration historyFlushInterval;

    @Inject
    @ConfigProperty(name = "jobstore.history.retention", defaultValue = "P2D")
    Duration historyRetention;

    @Inject
    @ConfigProperty(name = "jobstore.sweep.batch", defaultValue = "500")
    int sweepBatch;

    @Inject
    @ConfigProperty(name = "jobstore.limits.payload-bytes", defaultValue = "1048576")
    int payloadLimit;

    @Inject
    @ConfigProperty(name = "jobstore.limits.result-bytes", defaultValue = "16777216")
    int resultLimit;

    @Inject
    @ConfigProperty(name = "jobstore.limits.target-bytes", defaultValue = "8192")
    int targetLimit;

    @Inject
    @ConfigProperty(name = "jobstore.list.max-limit", defaultValue = "500")
    int maxListLimit;

    @Inject
    @ConfigProperty(name = "jobstore.batch.queue", defaultValue = "batch")
    String batchQueue;

    @Inject
    @ConfigProperty(name = "jobstore.ack.max-batch", defaultValue = "1000")
    int maxAcks;

    /** Lease length when a caller does not ask for one. */
    public Duration defaultLease() {
        return defaultLease;
    }

    /** Longest lease (and heartbeat extension) a caller may ask for. */
    public Duration maxLease() {
        return maxLease;
    }

    /** Longest a pull may wait for work (long poll). */
    public Duration maxWait() {
        return maxWait;
    }

    /** Most jobs one pull may lease. */
    public int maxBatch() {
        return maxBatch;
    }

    /** Most jobs one batch acknowledgement or batch heartbeat may name. */
    public int maxAcks() {
        return maxAcks;
    }

    /**
     * How often a waiting pull looks at the database even without a wake-up: it catches delayed
     * jobs coming due and jobs created by another node.
     */
    public Duration recheck() {
        return recheck;
    }

    /** How often expired leases are swept back to the pool. */
    public Duration sweepInterval() {
        return sweepInterval;
    }

    /** How often each node adds its tallies to the queues' history and reads their depth (history and gauges). */
    public Duration historyFlushInterval() {
        return historyFlushInterval;
    }

    /** How long the queues' history by the minute is kept. */
    public Duration historyRetention() {
        return historyRetention;
    }

    /** Most expired leases reclaimed in one transaction. */
    public int sweepBatch() {
        return sweepBatch;
    }

    /** Largest job payload, in bytes of its JSON text. */
    public int payloadLimit() {
        return payloadLimit;
    }

    /** Largest fulfilled value, in bytes. */
    public int resultLimit() {
        return resultLimit;
    }

    /** Largest notification target, in bytes of its JSON text. */
    public int targetLimit() {
        return targetLimit;
    }

    /** Largest page a list call may ask for. */
    public int maxListLimit() {
        return maxListLimit;
    }

    /** The queue whose jobs run Jakarta Batch jobs under their lease. */
    public String batchQueue() {
        return batchQueue;
    }
}
