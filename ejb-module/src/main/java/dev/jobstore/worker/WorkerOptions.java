package dev.jobstore.worker;

import dev.jobstore.job.Violations;
import java.time.Duration;

/**
 * How a pool works a queue.
 *
 * @param concurrency handlers running at once
 * @param lease       lease length of each job
 * @param heartbeat   how often a running handler's lease is extended (shorter than the lease)
 * @param batchSize   most jobs leased in one pull; above 1, also how many the pool leases ahead
 *                    of its handlers
 * @param pollWait    how long one pull waits for work (long poll)
 */
public record WorkerOptions(int concurrency, Duration lease, Duration heartbeat, int batchSize, Duration pollWait) {

    public static WorkerOptions defaults() {
        return new WorkerOptions(1, Duration.ofSeconds(30), Duration.ofSeconds(10), 1, Duration.ofSeconds(20));
    }

    public WorkerOptions withConcurrency(int newConcurrency) {
        return new WorkerOptions(newConcurrency, lease, heartbeat, batchSize, pollWait);
    }

    public WorkerOptions withLease(Duration newLease, Duration newHeartbeat) {
        return new WorkerOptions(concurrency, newLease, newHeartbeat, batchSize, pollWait);
    }

    public WorkerOptions withBatchSize(int newBatchSize) {
        return new WorkerOptions(concurrency, lease, heartbeat, newBatchSize, pollWait);
    }

    public WorkerOptions withPollWait(Duration newPollWait) {
        return new WorkerOptions(concurrency, lease, heartbeat, batchSize, newPollWait);
    }

    void check() {
        new Violations()
                .require(concurrency >= 1 && concurrency <= 256, "concurrency must be between 1 and 256")
                .require(batchSize >= 1, "batchSize must be at least 1")
                .require(
                        lease != null
                                && heartbeat != null
                                && heartbeat.compareTo(Duration.ZERO) > 0
                                && heartbeat.compareTo(lease) < 0,
                        "heartbeat must be positive and shorter than the lease")
                .require(pollWait != null && !pollWait.isNegative(), "pollWait must not be negative")
                .throwIfAny();
    }
}
