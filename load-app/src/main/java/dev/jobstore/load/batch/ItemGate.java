package dev.jobstore.load.batch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where a chunk of {@link RecordedItems} waits, per run, until a test in the same server lets
 * it go: the test knows the chunk is inside its transaction while it waits.
 */
public final class ItemGate {

    private static final Map<String, CountDownLatch> HELD = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> OPENED = new ConcurrentHashMap<>();

    private ItemGate() {}

    static void hold(String run) throws InterruptedException {
        latch(HELD, run).countDown();
        if (!latch(OPENED, run).await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gate of run " + run + " was not opened within 60 s");
        }
    }

    /** Waits until a chunk of {@code run} is held; false if none is within {@code seconds}. */
    public static boolean awaitHeld(String run, long seconds) throws InterruptedException {
        return latch(HELD, run).await(seconds, TimeUnit.SECONDS);
    }

    public static void open(String run) {
        latch(OPENED, run).countDown();
    }

    private static CountDownLatch latch(Map<String, CountDownLatch> latches, String run) {
        return latches.computeIfAbsent(run, ignored -> new CountDownLatch(1));
    }
}
