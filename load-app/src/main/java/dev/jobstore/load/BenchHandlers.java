package dev.jobstore.load;

import dev.jobstore.store.JobLease;
import dev.jobstore.worker.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;

/**
 * The benchmarks' in-process workers: eight no-op handlers per queue, as the workloads ask.
 * The throughput queues claim in batches of up to 50 (leased ahead of the handlers): no-op
 * jobs take far less than a claim, so claims must be shared. The latency queue's handler
 * records how long each job waited from create to handler start.
 */
@ApplicationScoped
public class BenchHandlers {

    @Inject
    Clock clock;

    @Inject
    Latencies latencies;

    @JobHandler(queue = "bench-burn", concurrency = 8, batchSize = 50)
    public JsonValue burn(JobLease lease) {
        return JsonValue.NULL;
    }

    @JobHandler(queue = "bench-e2e", concurrency = 8, batchSize = 50)
    public JsonValue endToEnd(JobLease lease) {
        return JsonValue.NULL;
    }

    @JobHandler(queue = "bench-latency", concurrency = 8)
    public JsonValue latency(JobLease lease) {
        latencies.add(Duration.between(lease.job().createdAt(), clock.instant()));
        return JsonValue.NULL;
    }
}
