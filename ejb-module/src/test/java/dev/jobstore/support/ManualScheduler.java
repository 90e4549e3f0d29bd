package dev.jobstore.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An executor and scheduler that runs nothing by itself: tasks wait until the test runs them
 * ({@link #runReady}) or moves the clock past their time ({@link #advance}). Tasks run on the
 * test's thread, one at a time, so what happens in between is up to the test.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final MutableClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long submitted;

    public ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    public MutableClock clock() {
        return clock;
    }

    /** Runs tasks due now (also those they submit) until none is; returns how many ran. */
    public int runReady() {
        int ran = 0;
        for (Task next = nextDueBy(clock.instant()); next != null; next = nextDueBy(clock.instant())) {
            next.run();
            ran++;
        }
        return ran;
    }

    /** Runs the oldest task due now, if any; returns whether one ran. */
    public boolean runNext() {
        Task next = nextDueBy(clock.instant());
        if (next != null) {
            next.run();
        }
        return next != null;
    }

    /** Moves the clock forward by {@code by}, running each task as its time comes. */
    public void advance(Duration by) {
        Instant target = clock.instant().plus(by);
        for (Task next = nextDueBy(target); next != null; next = nextDueBy(target)) {
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            next.run();
        }
        clock.set(target);
    }

    /** Tasks waiting to run now or later, not counting cancelled ones. */
    public synchronized int pending() {
        return tasks.size();
    }

    /** Tasks due now. */
    public synchronized int ready() {
        Instant now = clock.instant();
        return (int) tasks.stream().filter(task -> !task.due.isAfter(now)).count();
    }

    private synchronized Task nextDueBy(Instant limit) {
        Task next = tasks.stream()
                .filter(task -> !task.due.isAfter(limit))
                .min(Comparator.<Task, Instant>comparing(task -> task.due).thenComparingLong(task -> task.order))
                .orElse(null);
        tasks.remove(next);
        return next;
    }

    private synchronized Task add(Runnable body, Duration delay, Duration period) {
        Task task = new Task(body, clock.instant().plus(delay), period, submitted++);
        tasks.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        add(command, Duration.ZERO, null);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, Duration.of(delay, unit.toChronoUnit()), null);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the code under test");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, Duration.of(initialDelay, unit.toChronoUnit()), Duration.of(period, unit.toChronoUnit()));
    }

    /** In manual time a task takes no time, so a fixed delay is a fixed rate. */
    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    @Override
    public void shutdown() {
        throw new UnsupportedOperationException("a test scheduler is not shut down");
    }

    @Override
    public List<Runnable> shutdownNow() {
        throw new UnsupportedOperationException("a test scheduler is not shut down");
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }

    /** A task's handle; cancelling it takes it off the list. */
    private final class Task implements ScheduledFuture<Object> {
        final Runnable body;
        final Duration period;
        final long order;
        Instant due;
        volatile boolean cancelled;
        volatile boolean done;

        Task(Runnable body, Instant due, Duration period, long order) {
            this.body = body;
            this.due = due;
            this.period = period;
            this.order = order;
        }

        void run() {
            body.run();
            synchronized (ManualScheduler.this) {
                if (period != null && !cancelled) {
                    due = due.plus(period);
                    tasks.add(this);
                } else {
                    done = true;
                }
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (ManualScheduler.this) {
                if (done || cancelled) {
                    return false;
                }
                cancelled = true;
                tasks.remove(this);
                return true;
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException("not used by the code under test");
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by the code under test");
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
