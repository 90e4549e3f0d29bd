package dev.jobstore.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a generous deadline passes; never a fixed sleep. */
public final class Await {

    private Await() {}

    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T value = probe.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "timed out after " + timeout + " waiting for " + what + "; last seen: " + value);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            value = probe.get();
        }
        return value;
    }
}
