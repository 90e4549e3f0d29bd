package dev.jobstore.load;

import dev.jobstore.store.JobLease;
import dev.jobstore.worker.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.time.Duration;

/**
 * The benchmarks' in-process workers: eight no-op handlers per queue, as the workloads ask.
 * The throughput queues' handlers count their runs ({@link Executions}) and claim in batches
 * of up to 100, leased ahead of the handlers as the remote worker's prefetch: no-op jobs take
 * far less than a claim, so claims must be shared. The latency queue's handler records how
 * long each job waited from its create call to handler start.
 */
@ApplicationScoped
public class BenchHandlers {

    @Inject
    Latencies latencies;

    @Inject
    Executions executions;

    @JobHandler(queue = "bench-burn", concurrency = 8, batchSize = 100)
    public JsonValue burn(JobLease lease) {
        executions.ran("bench-burn");
        return JsonValue.NULL;
    }

    @JobHandler(queue = "bench-e2e", concurrency = 8, batchSize = 100)
    public JsonValue endToEnd(JobLease lease) {
        executions.ran("bench-e2e");
        return JsonValue.NULL;
    }

    /** Its jobs carry {@code System.nanoTime()} of just before their create call (BenchResource#createTimed). */
    @JobHandler(queue = "bench-latency", concurrency = 8)
    public JsonValue latency(JobLease lease) {
        latencies.add(Duration.ofNanos(System.nanoTime() - ((JsonNumber) lease.payload()).longValue()));
        return JsonValue.NULL;
    }
}
