package dev.jobstore.worker;

import dev.jobstore.job.JobView;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.store.JobLease;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A pool's pulls: at most one long poll at a time, sized to the room the pool has, retried a
 * second after a failure. What a pull grants goes to {@link WorkerPool#take}.
 */
final class Pulls {

    private static final Logger LOG = Logger.getLogger(Pulls.class.getName());
    private static final long RETRY_AFTER_ERROR_MILLIS = 1000;

    private final WorkerPool pool;
    private final String name;
    private final WorkerOptions options;
    private final BiFunction<String, PullRequest, CompletableFuture<List<JobView>>> pull;
    private final Function<JobView, JobLease> open;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;

    private final AtomicBoolean fetching = new AtomicBoolean();
    private volatile CompletableFuture<List<JobView>> pendingPull;

    Pulls(
            WorkerPool pool,
            String name,
            WorkerOptions options,
            BiFunction<String, PullRequest, CompletableFuture<List<JobView>>> pull,
            Function<JobView, JobLease> open,
            ExecutorService executor,
            ScheduledExecutorService scheduler) {
        this.pool = pool;
        this.name = name;
        this.options = options;
        this.pull = pull;
        this.open = open;
        this.executor = executor;
        this.scheduler = scheduler;
    }

    /**
     * Starts one pull unless one is under way, the pool is paused or stopping, or (while every
     * handler has work) there is room for less than half a batch: claims stay batched. With
     * {@code batchSize} above 1 the pool also leases a batch ahead of its handlers, so one that
     * finishes starts its next job without waiting for a claim.
     */
    void fetch() {
        int held = pool.held();
        int free = options.concurrency() + (options.batchSize() > 1 ? options.batchSize() : 0) - held;
        boolean idleHandlers = held < options.concurrency();
        if (!pool.taking()
                || free <= 0
                || (free * 2 < options.batchSize() && !idleHandlers)
                || !fetching.compareAndSet(false, true)) {
            return;
        }
        PullRequest request = PullRequest.of(name)
                .withMax(Math.min(options.batchSize(), free))
                .withLease(options.lease())
                .withWait(options.pollWait());
        CompletableFuture<List<JobView>> next;
        try {
            next = pull.apply(pool.queue(), request);
        } catch (RuntimeException e) {
            fetching.set(false);
            retryLater(e);
            return;
        }
        pendingPull = next;
        // A pull that completes at once goes on on the executor: it must not recurse into the
        // next one on this stack. One that waited goes on on the thread that ended its wait,
        // which only queues the jobs for the handlers: no hand-off before their start.
        if (next.isDone()) {
            next.whenCompleteAsync(this::granted, executor);
        } else {
            next.whenComplete(this::granted);
        }
    }

    private void granted(List<JobView> granted, Throwable failure) {
        fetching.set(false);
        if (failure != null) {
            if (!(failure instanceof CancellationException) && !pool.isShutdown()) {
                retryLater(failure);
            }
            return;
        }
        pool.take(granted.stream().map(open).toList());
    }

    /** Cancels the pull under way; a claim that completes after the cancel is given back by the long-poll waiter. */
    void cancel() {
        CompletableFuture<List<JobView>> inFlight = pendingPull;
        if (inFlight != null) {
            inFlight.cancel(false);
        }
    }

    private void retryLater(Throwable failure) {
        LOG.log(Level.WARNING, "Pulling from queue " + pool.queue() + " failed; retrying in 1 s", failure);
        scheduler.schedule(this::fetch, RETRY_AFTER_ERROR_MILLIS, TimeUnit.MILLISECONDS);
    }
}
