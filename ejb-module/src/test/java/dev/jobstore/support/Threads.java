package dev.jobstore.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on other threads in tests without sleeping. */
public final class Threads {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private Threads() {}

    /** Returns once {@code condition} holds (set by another thread), or fails after a while. */
    public static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.yield();
        }
    }

    /** Returns once {@code thread} is parked waiting (on a lock, join or future), or fails after a while. */
    public static void untilWaiting(Thread thread) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() - deadline > 0 || thread.getState() == Thread.State.TERMINATED) {
                throw new AssertionError(thread.getName() + " never waited; it is " + thread.getState());
            }
            Thread.onSpinWait();
        }
    }
}
