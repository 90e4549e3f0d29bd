package dev.jobstore.worker;

import dev.jobstore.job.JobView;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.store.JobLease;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running pool of handlers on one queue (meteor-job's JobQueue). Pulls are long polls that
 * hold no thread; handlers run on the managed executor, at most {@code concurrency} at once. A
 * handler slot is one task that runs fetched jobs one after another until none is waiting, and
 * one ticker per pool heartbeats the leases of jobs that run longer than a heartbeat interval: a
 * short job costs no task submission and no timer of its own. A handler's value is fulfilled by
 * the group commit while its slot goes on to the next job; the lease is kept alive until then.
 */
public final class WorkerPool {

    private static final Logger LOG = Logger.getLogger(WorkerPool.class.getName());

    private final String queue;
    private final String name;
    private final WorkerOptions options;
    private final JobProcessor processor;
    private final BiFunction<JobLease, JsonValue, CompletableFuture<Void>> fulfill;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Pulls pulls;
    /** Leases being worked or committed; a lease leaves once its value is committed (or there is none). */
    private final Heartbeats heartbeats;

    private final Queue<JobLease> fetched = new ConcurrentLinkedQueue<>();
    private final Map<JobLease, Running> running = new ConcurrentHashMap<>();
    private final AtomicInteger slots = new AtomicInteger();
    private volatile boolean paused;
    private volatile boolean stopping;

    /** A pool whose heartbeats read {@code nanoTime}: {@code System::nanoTime}, or a test's clock. */
    WorkerPool(
            String queue,
            String name,
            WorkerOptions options,
            JobProcessor processor,
            BiFunction<String, PullRequest, CompletableFuture<List<JobView>>> pull,
            Function<JobView, JobLease> open,
            BiFunction<JobLease, JsonValue, CompletableFuture<Void>> fulfill,
            ExecutorService executor,
            ScheduledExecutorService scheduler,
            LongSupplier nanoTime) {
        this.queue = queue;
        this.name = name;
        this.options = options;
        this.processor = processor;
        this.fulfill = fulfill;
        this.executor = executor;
        this.scheduler = scheduler;
        this.pulls = new Pulls(this, name, options, pull, open, executor, scheduler);
        this.heartbeats = new Heartbeats(options, nanoTime);
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
        pulls.cancel();
        releaseAll(fetched);
    }

    public void resume() {
        paused = false;
        dispatch();
        pulls.fetch();
    }

    public PoolStatus status() {
        return new PoolStatus(name, queue, options.concurrency(), running.size(), paused);
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
        pulls.cancel();
        releaseAll(fetched);
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (running) {
            while ((!running.isEmpty() || !heartbeats.isEmpty()) && System.nanoTime() < deadline) {
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
        heartbeats.stop();
        return finished;
    }

    void start() {
        heartbeats.start(scheduler);
        pulls.fetch();
    }

    /** Whether the pool takes new jobs: neither paused nor stopping. */
    boolean taking() {
        return !paused && !stopping;
    }

    /** Jobs the pool holds: running, or leased and waiting to run. */
    int held() {
        return running.size() + fetched.size();
    }

    /** Jobs a pull granted: queued for the handlers, or released if the pool stopped taking meanwhile. */
    void take(List<JobLease> leases) {
        if (stopping || paused) {
            releaseAll(leases);
            return;
        }
        fetched.addAll(leases);
        dispatch();
        pulls.fetch();
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
        } catch (LeaseLostException e) { // already gone: nothing to give back
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
            heartbeats.add(lease);
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
                lease.fail(e.toString(), !(e instanceof FailForGood));
            } catch (LeaseLostException lost) { // lost meanwhile: the job is already back in the pool
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
            pulls.fetch();
        }

        /** The job's value is committed, or there is none to commit: its lease needs no more heartbeats. */
        private void settled() {
            synchronized (running) {
                heartbeats.remove(lease);
                running.notifyAll();
            }
        }
    }
}
