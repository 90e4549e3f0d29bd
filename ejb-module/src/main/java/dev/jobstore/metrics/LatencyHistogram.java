package dev.jobstore.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram: {@code <name>_seconds_count}, {@code _sum} and {@code _max} from a timer,
 * and cumulative bucket counters {@code <name>_buckets_total{le="…"}} (seconds), which
 * {@code histogram_quantile} reads as it reads a Prometheus histogram's buckets.
 *
 * <p>Why not a timer with {@code publishPercentileHistogram()}: WildFly 39's registry for
 * deployments only exports meters made through its name-and-tags methods; a builder's meter, with
 * its histogram settings, never reaches the Prometheus endpoint (WFLY-21339, fixed after 39).
 * Nor can the buckets be named {@code <name>_seconds_bucket}: Prometheus's naming takes that
 * suffix for the timer's own family.
 */
final class LatencyHistogram {

    private static final double[] BOUNDS_SECONDS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300
    };

    private final Timer timer;
    private final LongAdder[] counts = new LongAdder[BOUNDS_SECONDS.length];

    LatencyHistogram(MeterRegistry registry, String name, Tags tags) {
        timer = registry.timer(name, tags);
        String buckets = name + ".buckets";
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
            int upTo = i;
            registry.more()
                    .counter(buckets, tags.and("le", Double.toString(BOUNDS_SECONDS[i])), this, h -> h.atMost(upTo));
        }
        registry.more().counter(buckets, tags.and("le", "+Inf"), this, h -> h.timer.count());
    }

    void record(Duration took) {
        timer.record(took);
        double seconds = took.toNanos() / 1e9;
        for (int i = 0; i < counts.length; i++) {
            if (seconds <= BOUNDS_SECONDS[i]) {
                counts[i].increment();
                return;
            }
        }
    }

    /** Recordings of at most {@code BOUNDS_SECONDS[upTo]}. */
    private double atMost(int upTo) {
        long total = 0;
        for (int i = 0; i <= upTo; i++) {
            total += counts[i].sum();
        }
        return total;
    }
}
