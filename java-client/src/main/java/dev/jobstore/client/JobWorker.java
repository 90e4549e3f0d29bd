package dev.jobstore.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running {@link JobstoreClient#processJobs}: one thread pulls leased jobs in batches into a
 * local queue, {@code concurrency} handler threads work them, one thread sends their answers as
 * batch acknowledgements, and a timer renews every held lease in one batch heartbeat. Like
 * meteor-job's JobQueue it can be paused, resumed and shut down with a grace period.
 */
public final class JobWorker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JobWorker.class.getName());
    private static final int MAX_PULL = 100; // the server's jobstore.pull.max-batch default
    private static final Duration INTERRUPTED_HANDLER_WAIT = Duration.ofSeconds(5);

    private final Http http;
    private final String queue;
    private final WorkerOptions options;
    private final JobHandler handler;
    private final BlockingQueue<LeasedJob> local = new LinkedBlockingQueue<>();
    /** Every lease held: waiting locally, running, or answered and not yet acknowledged. */
    private final Map<UUID, LeasedJob> held = new ConcurrentHashMap<>();

    private final Map<UUID, Thread> running = new ConcurrentHashMap<>();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    private final Object room = new Object();
    private final Acks acks;
    private final List<Thread> handlers = new ArrayList<>();
    private final Thread fetcher;
    private final Thread acker;
    private final ScheduledExecutorService heartbeats;
    private volatile boolean paused;
    private volatile boolean stopping;
    private volatile boolean handlersStopping;

    JobWorker(Http http, String queue, WorkerOptions options, JobHandler handler) {
        this.http = http;
        this.queue = queue;
        this.options = options;
        this.handler = handler;
        this.acks = new Acks(http, this::acknowledged);
        String name = "jobstore-" + queue;
        fetcher = new Thread(this::fetch, name + "-pull");
        acker = new Thread(acks, name + "-acks");
        for (int i = 0; i < options.concurrency(); i++) {
            handlers.add(new Thread(this::work, name + "-handler-" + i));
        }
        heartbeats = Executors.newSingleThreadScheduledExecutor(task -> daemon(new Thread(task, name + "-heartbeats")));
        long period = Math.max(100, options.lease().toMillis() / 3);
        heartbeats.scheduleWithFixedDelay(
                new Heartbeats(http, held.values(), options.lease(), this::lost),
                period,
                period,
                TimeUnit.MILLISECONDS);
        handlers.forEach(thread -> daemon(thread).start());
        daemon(acker).start();
        daemon(fetcher).start();
    }

    private static Thread daemon(Thread thread) {
        thread.setDaemon(true);
        return thread;
    }

    /** Leased jobs waiting locally for a handler. */
    public int length() {
        return local.size();
    }

    /** Handlers at work now. */
    public int running() {
        return running.size();
    }

    /** Handlers waiting for a job now. */
    public int idle() {
        return idle.get();
    }

    /** Jobs answered (fulfilled, failed or released) and sent to the server so far (see {@link Acknowledgement}). */
    public long answered() {
        return answered.get();
    }

    /** Stops taking new jobs: running ones finish, those waiting locally are released at once. */
    public void pause() {
        paused = true;
        releaseWaiting();
    }

    public void resume() {
        paused = false;
        signal();
    }

    public boolean isPaused() {
        return paused;
    }

    /**
     * Stops: takes no new job, releases those waiting locally, lets running handlers finish for
     * up to {@code grace}, then interrupts them and releases their jobs; returns once every
     * answer is sent. Answers whether every handler finished within the grace period.
     */
    public boolean shutdown(Duration grace) throws InterruptedException {
        Instant deadline = Instant.now().plus(grace);
        stopping = true;
        signal();
        fetcher.join(Math.max(1, options.pollWait().plusSeconds(5).toMillis())); // its pull in flight ends
        releaseWaiting();
        handlersStopping = true;
        boolean finished = true;
        for (Thread thread : handlers) {
            thread.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            finished &= !thread.isAlive();
        }
        running.values().forEach(Thread::interrupt); // past the grace period: their jobs are released
        for (Thread thread : handlers) {
            thread.join(INTERRUPTED_HANDLER_WAIT.toMillis()); // one that ignores interrupts is left behind
        }
        acks.close();
        acker.join();
        heartbeats.shutdownNow();
        return finished;
    }

    /** {@link #shutdown} with a 30 s grace period. */
    @Override
    public void close() {
        try {
            shutdown(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fetch() {
        int batch = Math.max(1, options.prefetch());
        while (!stopping) {
            try {
                int free = awaitRoom(batch);
                if (free > 0) {
                    take(pull(Math.min(free, MAX_PULL)));
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "pulling from " + queue + " failed; trying again in 1 s", e);
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    /** Waits until at least {@code batch} places are free (or every place is); answers how many. */
    private int awaitRoom(int batch) throws InterruptedException {
        int places = options.concurrency() + options.prefetch();
        synchronized (room) {
            while (!stopping) {
                int free = places - local.size() - running.size();
                if (!paused && free >= Math.min(batch, places)) {
                    return free;
                }
                room.wait(1000);
            }
        }
        return 0;
    }

    private List<LeasedJob> pull(int max) throws IOException, InterruptedException {
        JsonObject request = Jsonp.PROVIDER
                .createObjectBuilder()
                .add("worker", options.worker())
                .add("max", max)
                .add("lease", options.lease().toString())
                .add("wait", options.pollWait().toString())
                .build();
        return http.send("POST", "queues/" + queue + "/leases", request, true).expect(200).array().stream()
                .map(job -> LeasedJob.of(job.asJsonObject()))
                .toList();
    }

    private void take(List<LeasedJob> pulled) {
        for (LeasedJob job : pulled) {
            held.put(job.id(), job);
            if (stopping || paused) {
                acks.release(job); // granted as the worker stopped taking jobs
            } else {
                local.add(job);
            }
        }
    }

    private void work() {
        while (!handlersStopping || !local.isEmpty()) {
            LeasedJob job;
            idle.incrementAndGet();
            try {
                job = local.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue; // an interrupt meant for a finished job
            } finally {
                idle.decrementAndGet();
            }
            if (job != null && !job.isCompromised()) {
                handle(job);
            }
        }
    }

    private void handle(LeasedJob job) {
        running.put(job.id(), Thread.currentThread());
        try {
            JsonValue value = handler.handle(job);
            if (!job.isCompromised()) {
                acks.fulfill(job, value);
            }
        } catch (PermanentFailure e) {
            failUnlessLost(job, e, false);
        } catch (InterruptedException e) {
            if (!job.isCompromised()) {
                acks.release(job); // interrupted by a shutdown past its grace period
            }
        } catch (Exception e) {
            failUnlessLost(job, e, true);
        } finally {
            running.remove(job.id());
            Thread.interrupted(); // an interrupt for this job must not reach the next
            signal();
        }
    }

    private void failUnlessLost(LeasedJob job, Exception e, boolean retry) {
        if (!job.isCompromised()) {
            acks.fail(job, String.valueOf(e), retry);
        }
    }

    /** A heartbeat found the lease lost: the job is dropped, {@code onCompromised} told, its handler interrupted. */
    private void lost(LeasedJob job) {
        job.compromise();
        local.remove(job);
        held.remove(job.id(), job);
        LOG.log(Level.WARNING, "lease lost: {0}", job);
        options.onCompromised().accept(job);
        Thread thread = running.get(job.id());
        if (thread != null) {
            thread.interrupt();
        }
        signal();
    }

    private void acknowledged(Acknowledgement acknowledgement) {
        held.remove(acknowledgement.job().id(), acknowledgement.job()); // not the job's newer lease
        answered.incrementAndGet();
        options.onAcknowledged().accept(acknowledgement);
    }

    private void releaseWaiting() {
        List<LeasedJob> waiting = new ArrayList<>();
        local.drainTo(waiting);
        waiting.forEach(acks::release);
        signal();
    }

    private void signal() {
        synchronized (room) {
            room.notifyAll();
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
