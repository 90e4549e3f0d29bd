package dev.jobstore.retention;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps the prune to a share of the time, so that it leaves the database and the server to the
 * queues it shares them with: after each page's work it rests in proportion, so that it works
 * {@code workShare} of the time (1: never rests; 0.5: rests as long as the last page took).
 */
final class Pace {

    private final double workShare;
    private final LongSupplier nanoTime;
    private long pageStarted = -1;

    Pace(double workShare, LongSupplier nanoTime) {
        this.workShare = workShare;
        this.nanoTime = nanoTime;
    }

    /** Rests as the share asks for the work since the last call, then starts timing the next page's. */
    void restBeforeNextPage() throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(rest());
        pageStarted = nanoTime.getAsLong();
    }

    /** How long to rest for the work since the last page started (none before the first). */
    long rest() {
        if (pageStarted < 0) {
            return 0;
        }
        long worked = nanoTime.getAsLong() - pageStarted;
        return (long) (worked * (1 - workShare) / workShare);
    }
}
