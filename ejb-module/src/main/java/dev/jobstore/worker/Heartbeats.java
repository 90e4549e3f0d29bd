package dev.jobstore.worker;

import dev.jobstore.store.JobLease;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A pool's one ticker that extends the leases of jobs being worked or committed: a lease is
 * heartbeated once it has been held a heartbeat interval, so a short job costs no timer of its
 * own. The ticker runs four times per interval (at most every 10 ms).
 */
final class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());

    private final WorkerOptions options;
    private final LongSupplier nanoTime;
    /** Each lease with when (in {@code nanoTime}) it is next due a heartbeat. */
    private final Map<JobLease, Long> due = new ConcurrentHashMap<>();

    private volatile ScheduledFuture<?> ticker;

    Heartbeats(WorkerOptions options, LongSupplier nanoTime) {
        this.options = options;
        this.nanoTime = nanoTime;
    }

    void start(ScheduledExecutorService scheduler) {
        long tick = Math.max(10, options.heartbeat().toMillis() / 4);
        ticker = scheduler.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    void stop() {
        ticker.cancel(false);
    }

    /** {@code lease} is first due a heartbeat one interval from now. */
    void add(JobLease lease) {
        due.put(lease, nanoTime.getAsLong() + options.heartbeat().toNanos());
    }

    /** {@code lease} needs no more heartbeats: its value is committed, or there is none. */
    void remove(JobLease lease) {
        due.remove(lease);
    }

    boolean isEmpty() {
        return due.isEmpty();
    }

    private void tick() {
        long now = nanoTime.getAsLong();
        Duration length = options.lease();
        due.forEach((lease, when) -> {
            if (when - now <= 0
                    && due.replace(lease, when, now + options.heartbeat().toNanos())) {
                try {
                    lease.heartbeat(length);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "Heartbeat for job " + lease.jobId() + " failed", e);
                }
            }
        });
    }
}
