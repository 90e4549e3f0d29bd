package dev.jobstore.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The peers' end-to-end workload, as JobstoreWorkloads#endToEnd: two producers create batches
 * of 100, holding the backlog near 2,000, while the peer's workers execute them.
 */
final class PeerEndToEnd {

    /** Creates one batch of 100 jobs: the {@code batch}-th of {@code producer}. */
    interface BatchOfHundred {
        void create(int producer, long batch) throws Exception;
    }

    private PeerEndToEnd() {}

    /**
     * Executions per second over {@code measureSeconds} after {@code warmUpSeconds}, counted by
     * {@code executed}; returns once every created job ran.
     */
    static double run(BatchOfHundred create, LongSupplier executed, int warmUpSeconds, int measureSeconds)
            throws Exception {
        AtomicLong created = new AtomicLong();
        long base = executed.getAsLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService producers = Executors.newFixedThreadPool(2);
        for (int p = 0; p < 2; p++) {
            int producer = p;
            producers.submit(() -> {
                long batch = 0;
                while (!stop.get()) {
                    if (created.get() - (executed.getAsLong() - base) > 2000) {
                        Thread.sleep(2);
                        continue;
                    }
                    create.create(producer, batch++);
                    created.addAndGet(100);
                }
                return null;
            });
        }
        Thread.sleep(warmUpSeconds * 1000L);
        long first = executed.getAsLong();
        long start = System.nanoTime();
        Thread.sleep(measureSeconds * 1000L);
        double rate = (executed.getAsLong() - first) / JobstoreWorkloads.seconds(start);
        stop.set(true);
        producers.shutdown();
        producers.awaitTermination(1, TimeUnit.MINUTES);
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (executed.getAsLong() - base < created.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("end-to-end: jobs still unexecuted after 10 minutes");
            }
            Thread.sleep(10);
        }
        return rate;
    }
}
