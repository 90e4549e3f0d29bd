package dev.jobstore.bench;

import dev.jobstore.client.Acknowledgement;
import dev.jobstore.client.JobWorker;
import dev.jobstore.client.JobstoreClient;
import dev.jobstore.client.NewJob;
import dev.jobstore.client.WorkerOptions;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * One repetition of each workload against the jobstore server. Rates are jobs per second;
 * the in-process workers are load-app's BenchHandlers (eight per queue).
 */
final class JobstoreWorkloads {

    static final int BURN_DOWN_JOBS = 20_000;
    static final String API = "/jobstore/api";
    /** The queue of the create workloads, whose jobs no handler takes. */
    private static final String CREATED = "bench-create";

    private final Http http;
    private final String database;
    private final Connection probe;

    JobstoreWorkloads(Http http, String database) throws SQLException {
        this.http = http;
        this.database = database;
        this.probe = Database.connect(database);
    }

    double createJavaApi(int count) {
        long nanos = Long.parseLong(http.post("/jobstore-load/bench/" + CREATED + "/create?count=" + count, ""));
        return count / (nanos / 1e9);
    }

    /** Batch creates through the Java API inside the server ({@code createAll}, timed by load-app's BenchResource). */
    double batchCreateJavaApi(int batches, int size) {
        long nanos = 0;
        for (int i = 0; i < batches; i++) {
            nanos += Long.parseLong(
                    http.post("/jobstore-load/bench/" + CREATED + "/create?batch=true&count=" + size, ""));
        }
        return batches * size / (nanos / 1e9);
    }

    /** Single creates over HTTP through the Java client, one thread. */
    double createHttp(int count) throws Exception {
        JobstoreClient client = http.client();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            client.create(CREATED, NewJob.of(Json.createValue(i)));
        }
        return count / seconds(start);
    }

    /** Batch creates through the Java client ({@code createAll}: one transaction, ids only). */
    double batchCreateHttp(int batches, int size) throws Exception {
        List<NewJob> batch = IntStream.range(0, size)
                .mapToObj(i -> NewJob.of(Json.createValue(i)))
                .toList();
        JobstoreClient client = http.client();
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            client.createAll(CREATED, batch);
        }
        return batches * size / seconds(start);
    }

    /**
     * 20,000 jobs queued while the queue is paused; resume, and time until all are FULFILLED.
     * Progress is read from the handlers' run count (as the peers' harnesses count their runs),
     * then the last values' commit from the database: probing the database all along would
     * load what is measured (a count of the queue's unfinished jobs costs PostgreSQL
     * milliseconds once thousands of dead index entries are behind it).
     */
    double burnDown() throws InterruptedException, SQLException {
        String queue = "bench-burn";
        http.post(API + "/queues/" + queue + "/pause", "");
        createMany(queue, BURN_DOWN_JOBS);
        long target = executed(queue) + BURN_DOWN_JOBS;
        long start = System.nanoTime();
        http.post(API + "/queues/" + queue + "/resume", "");
        executed(queue, target); // answered once the handlers have run them all (or after a minute)
        awaitFinished(queue); // and their values are committed
        return BURN_DOWN_JOBS / seconds(start);
    }

    /**
     * 20,000 jobs worked by a Java client worker ({@code processJobs}) with {@code threads}
     * handler threads: batched claims (a pull of up to 100 once 100 places are free), batch
     * acknowledgements and batch heartbeats, as a remote worker in production would run. Timed
     * until the server has answered every value stored.
     */
    double httpBurnDown(int threads) throws Exception {
        String queue = "bench-http";
        createMany(queue, BURN_DOWN_JOBS);
        LongAdder stored = new LongAdder();
        long start = System.nanoTime();
        JobWorker worker = http.client()
                .processJobs(
                        queue,
                        WorkerOptions.defaults()
                                .withWorker("bench-remote")
                                .withConcurrency(threads)
                                .withPrefetch(100)
                                .withLease(Duration.ofMinutes(5))
                                .onAcknowledged(answer -> {
                                    if (answer.outcome() == Acknowledgement.Outcome.STORED) {
                                        stored.increment();
                                    }
                                }),
                        job -> JsonValue.NULL);
        while (stored.sum() < BURN_DOWN_JOBS) {
            Thread.sleep(5);
        }
        double rate = BURN_DOWN_JOBS / seconds(start);
        worker.shutdown(Duration.ofSeconds(10));
        awaitFinished(queue);
        return rate;
    }

    /**
     * Create-to-handler-start latency for a remote worker long-polling over HTTP (the Java client,
     * eight handlers, idle): each job carries its creation time, {p50, p99} in milliseconds.
     */
    double[] remoteLatency(int samples) throws Exception {
        String queue = "bench-remote-latency";
        Queue<Double> millis = new ConcurrentLinkedQueue<>();
        JobstoreClient client = http.client();
        JobWorker worker = client.processJobs(
                queue,
                WorkerOptions.defaults()
                        .withWorker("bench-remote")
                        .withConcurrency(8)
                        .withPollWait(Duration.ofSeconds(30)),
                job -> {
                    millis.add((System.nanoTime() - ((JsonNumber) job.payload()).longValue()) / 1e6);
                    return JsonValue.NULL;
                });
        Thread.sleep(500); // the worker's first pull is waiting
        for (int i = 0; i < samples; i++) {
            client.create(queue, NewJob.of(Json.createValue(System.nanoTime())));
            Thread.sleep(20);
        }
        awaitFinished(queue);
        worker.shutdown(Duration.ofSeconds(10));
        double[] sorted =
                millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] {percentile(sorted, 50), percentile(sorted, 99)};
    }

    /**
     * Two producers create in batches of 100 (holding the backlog near 2,000 so the workers
     * never run dry nor fall far behind) while the eight in-process workers fulfill; the rate
     * is handler runs per second over the last {@code measureSeconds}, after a warm-up, counted
     * as the peers' are (see {@link #burnDown}).
     */
    double endToEnd(int warmUpSeconds, int measureSeconds) throws Exception {
        String queue = "bench-e2e";
        AtomicLong created = new AtomicLong();
        AtomicLong backlog = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        String batch = batchOf(100);
        ExecutorService producers = Executors.newFixedThreadPool(2);
        for (int p = 0; p < 2; p++) {
            producers.submit(() -> {
                while (!stop.get()) {
                    if (backlog.get() > 2000) {
                        Thread.sleep(2);
                        continue;
                    }
                    http.postBatch(API + "/queues/" + queue + "/jobs/batch", batch);
                    created.addAndGet(100);
                    backlog.addAndGet(100);
                }
                return null;
            });
        }
        long warmUpEnd = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
        long firstCount = -1;
        long firstAt = 0;
        long end = warmUpEnd + measureSeconds * 1_000_000_000L;
        long fulfilled = 0;
        long executedBefore = executed(queue);
        while (System.nanoTime() < end) {
            Thread.sleep(50);
            long createdBefore = created.get(); // read first: a create after the count only lowers the backlog
            fulfilled = executed(queue) - executedBefore;
            backlog.set(createdBefore - fulfilled);
            if (firstCount < 0 && System.nanoTime() >= warmUpEnd) {
                firstCount = fulfilled;
                firstAt = System.nanoTime();
            }
        }
        double rate = (fulfilled - firstCount) / seconds(firstAt);
        stop.set(true);
        producers.shutdown();
        producers.awaitTermination(1, TimeUnit.MINUTES);
        awaitFinished(queue);
        return rate;
    }

    /**
     * Create-to-handler-start latency with idle workers, jobs created 20 ms apart through the
     * Java API inside the server (BenchResource#createTimed): {p50, p99} in milliseconds.
     */
    double[] latency(int samples) throws InterruptedException {
        http.get("/jobstore-load/bench/latencies");
        http.post("/jobstore-load/bench/bench-latency/timed?spacing=20&count=" + samples, "");
        List<Double> recorded = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (recorded.size() < samples && System.nanoTime() < deadline) {
            String body = http.get("/jobstore-load/bench/latencies").replaceAll("[\\[\\]\\s]", "");
            Arrays.stream(body.split(","))
                    .filter(s -> !s.isEmpty())
                    .forEach(s -> recorded.add(Long.parseLong(s) / 1000.0));
            Thread.sleep(50);
        }
        double[] millis =
                recorded.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] {percentile(millis, 50), percentile(millis, 99)};
    }

    /** Claims per second by four remote workers leasing 50 at a time, taking {@code claims} jobs from the backlog. */
    double claimRate(String queue, int claims) throws Exception {
        AtomicLong claimed = new AtomicLong();
        return claimRateWhile(queue, claimed, () -> claimed.get() < claims);
    }

    /** Claims per second by the same four workers, counted in {@code claimed}, while {@code going} holds. */
    double claimRateWhile(String queue, AtomicLong claimed, BooleanSupplier going) throws Exception {
        long start = System.nanoTime();
        runAll(4, () -> {
            while (going.getAsBoolean()) {
                String leased = http.post(
                        API + "/queues/" + queue + "/leases",
                        "{\"worker\":\"claimer\",\"max\":50,\"lease\":\"PT1H\",\"wait\":\"PT0S\"}");
                claimed.addAndGet(Http.ID.matcher(leased).results().count());
            }
            return null;
        });
        return claimed.get() / seconds(start);
    }

    void addBacklog(String queue, int count) throws Exception {
        Database.addBacklog(database, queue, count);
    }

    /** Removes the jobs of {@code queues} once their workload is measured (see {@link Database#clearQueues}). */
    void clear(String... queues) {
        // On the probe's lasting session: a session that ended just before a CPU reading would
        // take its CPU out of PostgreSQL's sum in the next one
        Database.clearQueues(probe, queues);
    }

    /** Removes the create workloads' jobs, as the peers truncate theirs after each. */
    void clearCreated() {
        clear(CREATED);
    }

    private void createMany(String queue, int count) {
        String batch = batchOf(1000);
        for (int i = 0; i < count / 1000; i++) {
            http.postBatch(API + "/queues/" + queue + "/jobs/batch", batch);
        }
    }

    /** Jobs of {@code queue} the in-process handlers have run (load-app's Executions). */
    private long executed(String queue) {
        return executed(queue, 0);
    }

    /** As {@link #executed(String)}, answered once {@code atLeast} have run (or after a minute). */
    private long executed(String queue, long atLeast) {
        return Long.parseLong(http.get("/jobstore-load/bench/" + queue + "/executed?atLeast=" + atLeast)
                .trim());
    }

    private void awaitFinished(String queue) throws InterruptedException, SQLException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Database.unfinished(probe, queue) == 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(queue + ": jobs still unfinished after 10 minutes");
    }

    static String batchOf(int size) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"payload\":").append(i).append('}');
        }
        return batch.append(']').toString();
    }

    static void runAll(int threads, Callable<Void> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Void>> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            running.add(pool.submit(task));
        }
        for (Future<Void> future : running) {
            future.get();
        }
        pool.shutdown();
    }

    static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
