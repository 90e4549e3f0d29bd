package dev.jobstore.client;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link JobstoreClient#processJobs} works a queue.
 *
 * @param worker        the name leases are granted to (shown as their owner)
 * @param concurrency   how many handlers run at once
 * @param prefetch      how many leased jobs may wait locally beyond those running; the worker
 *                      pulls once this many places are free, so claims come in batches
 * @param lease         the lease length asked for; heartbeats renew it at a third
 * @param pollWait      how long one pull waits for work (a long poll); also bounds how long a
 *                      shutdown waits for the pull in flight
 * @param onCompromised called when a lease is lost (its handler is interrupted as well)
 * @param onAcknowledged called for every answer sent, with what the server made of it
 */
public record WorkerOptions(
        String worker,
        int concurrency,
        int prefetch,
        Duration lease,
        Duration pollWait,
        Consumer<LeasedJob> onCompromised,
        Consumer<Acknowledgement> onAcknowledged) {

    public WorkerOptions {
        if (concurrency < 1 || prefetch < 0) {
            throw new IllegalArgumentException("concurrency must be at least 1 and prefetch at least 0");
        }
        Objects.requireNonNull(onCompromised, "onCompromised");
        Objects.requireNonNull(onAcknowledged, "onAcknowledged");
    }

    /** 4 handlers, 4 prefetched, 30 s leases, 5 s polls, named after this process. */
    public static WorkerOptions defaults() {
        return new WorkerOptions(
                "java-" + ManagementFactory.getRuntimeMXBean().getName(),
                4,
                4,
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                job -> {},
                acknowledgement -> {});
    }

    public WorkerOptions withWorker(String name) {
        return new WorkerOptions(name, concurrency, prefetch, lease, pollWait, onCompromised, onAcknowledged);
    }

    /** {@code handlers} at once, and as many prefetched. */
    public WorkerOptions withConcurrency(int handlers) {
        return new WorkerOptions(worker, handlers, handlers, lease, pollWait, onCompromised, onAcknowledged);
    }

    public WorkerOptions withPrefetch(int waiting) {
        return new WorkerOptions(worker, concurrency, waiting, lease, pollWait, onCompromised, onAcknowledged);
    }

    public WorkerOptions withLease(Duration length) {
        return new WorkerOptions(worker, concurrency, prefetch, length, pollWait, onCompromised, onAcknowledged);
    }

    public WorkerOptions withPollWait(Duration wait) {
        return new WorkerOptions(worker, concurrency, prefetch, lease, wait, onCompromised, onAcknowledged);
    }

    public WorkerOptions onCompromised(Consumer<LeasedJob> callback) {
        return new WorkerOptions(worker, concurrency, prefetch, lease, pollWait, callback, onAcknowledged);
    }

    public WorkerOptions onAcknowledged(Consumer<Acknowledgement> callback) {
        return new WorkerOptions(worker, concurrency, prefetch, lease, pollWait, onCompromised, callback);
    }
}
