package dev.jobstore.worker;

import dev.jobstore.job.JobView;
import dev.jobstore.store.JobLease;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.lease.PullRequest;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running pool of handlers on one queue (meteor-job's JobQueue). Pulls are long polls that
 * hold no thread; handlers run on the managed executor, at most {@code concurrency} at once.
 * A handler slot is one task that runs fetched jobs one after another until none is waiting,
 * and one ticker per pool heartbeats the leases of jobs that run longer than a heartbeat
 * interval: a short job costs no task submission and no timer of its own. A handler's value is
 * fulfilled by the group commit while its slot goes on to the next job; the lease is kept
 * alive until that commit.
 */
public final class WorkerPool {

    private static final Logger LOG = Logger.getLogger(WorkerPool.class.getName());
    private static final long RETRY_AFTER_ERROR_MILLIS = 1000;

    private final String queue;
    private final String name;
    private final WorkerOptions options;
    private final JobProcessor processor;
    private final BiFunction<String, PullRequest, CompletableFuture<List<JobView>>> pull;
    private final Function<JobView, JobLease> open;
    private final BiFunction<JobLease, JsonValue, CompletableFuture<Void>> fulfill;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;

    private final Queue<JobLease> fetched = new ConcurrentLinkedQueue<>();
    private final Map<JobLease, Running> running = new ConcurrentHashMap<>();
    private final AtomicInteger slots = new AtomicInteger();
    /**
     * Leases being worked or committed, with when (System.nanoTime) each is next due a
     * heartbeat; a lease leaves once its value is committed (or the handler ended without one).
     */
    private final Map<JobLease, Long> heartbeatsDue = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> heartbeats;
    private final AtomicBoolean fetching = new AtomicBoolean();
    private volatile CompletableFuture<List<JobView>> pendingPull;
    private volatile boolean paused;
    private volatile boolean stopping;

    WorkerPool(String queue, String name, WorkerOptions options, JobProcessor processor,
               BiFunction<String, PullRequest, CompletableFuture<List<JobView>>> pull, Function<JobView, JobLease> open,
               BiFunction<JobLease, JsonValue, CompletableFuture<Void>> fulfill, ExecutorService executor, ScheduledExecutorService scheduler) {
        this.queue = queue;
        this.name = name;
        this.options = options;
        this.processor = processor;
        this.pull = pull;
        this.open = open;
        this.fulfill = fulfill;
        this.executor = executor;
        this.scheduler = scheduler;
    }

    public String queue() {
        return queue;
    }

    /**
     * Stops taking new jobs: the pull under way is cancelled and jobs leased but not started
     * are released. Running handlers finish.
     */
    public void pause() {
        paused = true;
        cancelPendingPull();
        releaseAll(fetched);
    }

    public void resume() {
        paused = false;
        dispatch();
        fetch();
    }

    /** Jobs leased but not yet handed to a handler. */
    public int length() {
        return fetched.size();
    }

    /** Handlers running now. */
    public int running() {
        return running.size();
    }

    /** Nothing running and nothing waiting to run. */
    public boolean idle() {
        return slots.get() == 0 && fetched.isEmpty();
    }

    public boolean isShutdown() {
        return stopping;
    }

    /**
     * Stops the pool: no more pulls, leased-but-unstarted jobs are released at once, running
     * handlers get {@code grace} to finish (and their values to be committed), and then are
     * interrupted and their leases released, so no job waits out a lease. Returns whether every
     * handler finished within the grace.
     */
    public boolean shutdown(Duration grace) {
        stopping = true;
        cancelPendingPull();
        releaseAll(fetched);
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (running) {
            while ((!running.isEmpty() || !heartbeatsDue.isEmpty()) && System.nanoTime() < deadline) {
                try {
                    running.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        boolean finished = running.isEmpty();
        running.forEach((lease, handler) -> {
            handler.interruptForShutdown();
            release(lease);
        });
        heartbeats.cancel(false);
        return finished;
    }

    void start() {
        long tick = Math.max(10, options.heartbeat().toMillis() / 4);
        heartbeats = scheduler.scheduleAtFixedRate(this::heartbeatDue, tick, tick, TimeUnit.MILLISECONDS);
        fetch();
    }

    private void heartbeatDue() {
        long now = System.nanoTime();
        heartbeatsDue.forEach((lease, due) -> {
            if (due - now <= 0 && heartbeatsDue.replace(lease, due, now + options.heartbeat().toNanos())) {
                try {
                    lease.heartbeat(options.lease());
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "Heartbeat for job " + lease.jobId() + " failed", e);
                }
            }
        });
    }

    // A claim that completes after the cancel is given back by the long-poll waiter.
    private void cancelPendingPull() {
        CompletableFuture<List<JobView>> inFlight = pendingPull;
        if (inFlight != null) {
            inFlight.cancel(false);
        }
    }

    /**
     * Room for more leases. With {@code batchSize} above 1 the pool also leases a batch ahead of
     * its handlers, so one that finishes starts its next job without waiting for a claim.
     */
    private int freeSlots() {
        int ahead = options.batchSize() > 1 ? options.batchSize() : 0;
        return options.concurrency() + ahead - running.size() - fetched.size();
    }

    /**
     * Starts one pull unless one is under way, the pool is paused or stopping, or (while every
     * handler has work) there is room for less than half a batch: claims stay batched.
     */
    private void fetch() {
        int free = freeSlots();
        boolean idleHandlers = running.size() + fetched.size() < options.concurrency();
        if (stopping || paused || free <= 0 || (free * 2 < options.batchSize() && !idleHandlers)
                || !fetching.compareAndSet(false, true)) {
            return;
        }
        PullRequest request = PullRequest.of(name).withMax(Math.min(options.batchSize(), free))
                .withLease(options.lease()).withWait(options.pollWait());
        CompletableFuture<List<JobView>> next;
        try {
            next = pull.apply(queue, request);
        } catch (RuntimeException e) {
            fetching.set(false);
            retryLater(e);
            return;
        }
        pendingPull = next;
        // Async: a pull that completes at once must not recurse into the next one on this stack.
        next.whenCompleteAsync((granted, failure) -> {
            fetching.set(false);
            if (failure != null) {
                if (!(failure instanceof CancellationException) && !stopping) {
                    retryLater(failure);
                }
                return;
            }
            List<JobLease> leases = granted.stream().map(open).toList();
            if (stopping || paused) {
                releaseAll(leases);
                return;
            }
            fetched.addAll(leases);
            dispatch();
            fetch();
        }, executor);
    }

    private void retryLater(Throwable failure) {
        LOG.log(Level.WARNING, "Pulling from queue " + queue + " failed; retrying in 1 s", failure);
        scheduler.schedule(this::fetch, RETRY_AFTER_ERROR_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void dispatch() {
        while (!paused && !stopping && slots.get() < options.concurrency()) {
            JobLease first = fetched.poll();
            if (first == null) {
                return;
            }
            slots.incrementAndGet();
            try {
                executor.execute(() -> work(first));
            } catch (RuntimeException e) { // the executor is shutting down
                slots.decrementAndGet();
                release(first);
                return;
            }
        }
    }

    /** One handler slot: runs {@code first}, then fetched jobs one after another while any wait. */
    private void work(JobLease first) {
        try {
            for (JobLease lease = first; lease != null; lease = paused || stopping ? null : fetched.poll()) {
                new Running(lease).run();
            }
        } finally {
            slots.decrementAndGet();
        }
        dispatch(); // a job fetched after this slot's last look
    }

    private void releaseAll(Iterable<JobLease> leases) {
        for (JobLease lease : leases) {
            release(lease);
        }
        if (leases == fetched) {
            fetched.clear();
        }
    }

    private static void release(JobLease lease) {
        try {
            lease.release();
        } catch (LeaseLostException e) {
            // already gone: nothing to give back
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not release job " + lease.jobId() + "; its lease will expire", e);
        }
    }

    /** One handler run: heartbeats while it works, and the interrupt if its lease is lost. */
    private final class Running {
        private final JobLease lease;
        private Thread thread;
        private volatile boolean stoppedByShutdown;

        Running(JobLease lease) {
            this.lease = lease;
        }

        void run() {
            synchronized (this) {
                thread = Thread.currentThread();
            }
            running.put(lease, this);
            heartbeatsDue.put(lease, System.nanoTime() + options.heartbeat().toNanos());
            lease.onCompromised(this::interrupt);
            CompletableFuture<Void> committed = CompletableFuture.completedFuture(null);
            try {
                JsonValue value = processor.process(lease);
                if (!lease.isCompromised()) {
                    committed = fulfill.apply(lease, value == null ? JsonValue.NULL : value);
                }
            } catch (LeaseLostException e) {
                LOG.fine(() -> "Lease on job " + lease.jobId() + " lost; its result is dropped");
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failQuietly(e);
            } finally {
                committed.whenComplete((ignored, failure) -> settled());
                synchronized (this) {
                    thread = null;
                }
                Thread.interrupted(); // an interrupt meant for this handler must not reach the next job
                finished();
            }
        }

        private void failQuietly(Exception e) {
            if (lease.isCompromised() || stoppedByShutdown) {
                return; // the lease is gone, or shutdown releases it: not a failed attempt
            }
            try {
                lease.fail(e.toString());
            } catch (LeaseLostException lost) {
                // lost meanwhile: the job is already back in the pool
            }
        }

        synchronized void interrupt() {
            if (thread != null) {
                thread.interrupt();
            }
        }

        void interruptForShutdown() {
            stoppedByShutdown = true;
            interrupt();
        }

        private void finished() {
            synchronized (running) {
                running.remove(lease);
                running.notifyAll();
            }
            fetch();
        }

        /** The job's value is committed, or there is none to commit: its lease needs no more heartbeats. */
        private void settled() {
            synchronized (running) {
                heartbeatsDue.remove(lease);
                running.notifyAll();
            }
        }
    }
}
