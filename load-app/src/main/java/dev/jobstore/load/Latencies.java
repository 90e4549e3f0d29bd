package dev.jobstore.load;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Create-to-handler-start latencies recorded since the last {@link #drain}, in microseconds. */
@ApplicationScoped
public class Latencies {

    private final Queue<Long> micros = new ConcurrentLinkedQueue<>();

    void add(Duration latency) {
        micros.add(latency.toNanos() / 1000);
    }

    List<Long> drain() {
        List<Long> drained = new ArrayList<>();
        for (Long next = micros.poll(); next != null; next = micros.poll()) {
            drained.add(next);
        }
        return drained;
    }
}
