package dev.jobstore.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.store.JobLease;
import dev.jobstore.store.TestLeases;
import dev.jobstore.support.ManualScheduler;
import dev.jobstore.support.MutableClock;
import dev.jobstore.support.Threads;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pool over a fake queue. Tests of batching, pausing and heartbeats run every task on the
 * test's thread (a manual scheduler, a settable clock); tests of concurrency and shutdown run
 * handlers on real threads and wait on latches with timeouts.
 */
class WorkerPoolTest {

    private static final WorkerOptions OPTIONS = WorkerOptions.defaults().withPollWait(Duration.ofSeconds(20));

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final ManualScheduler manual = new ManualScheduler(clock);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final FakeQueue queue = new FakeQueue();
    private final TestLeases leases = new TestLeases();
    private final List<UUID> processed = new CopyOnWriteArrayList<>();
    private final Map<UUID, JsonValue> fulfilled = new ConcurrentHashMap<>();
    private BiFunction<JobLease, JsonValue, CompletableFuture<Void>> fulfill = (lease, value) -> {
        fulfilled.put(lease.jobId(), value);
        return CompletableFuture.completedFuture(null);
    };

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private WorkerPool start(WorkerOptions options, JobProcessor processor, ExecutorService executor) {
        WorkerPool pool = new WorkerPool(
                "q",
                "pool-q@test",
                options,
                processor,
                queue::pull,
                leases::open,
                (lease, value) -> fulfill.apply(lease, value),
                executor,
                manual,
                clock::nanoTime);
        pool.start();
        return pool;
    }

    private JsonValue record(JobLease lease) {
        processed.add(lease.jobId());
        return Json.createValue("done " + lease.jobId());
    }

    @Test
    void pulls_are_batched_and_a_batch_is_leased_ahead_of_the_handlers() {
        List<UUID> jobs = queue.add(10);
        start(OPTIONS.withBatchSize(4), this::record, manual);

        assertEquals(List.of(4), queue.pulls(), "an idle pool leases a full batch");
        manual.runReady();

        assertEquals(jobs, processed);
        List<Integer> pulls = queue.pulls();
        assertTrue(pulls.size() < jobs.size(), "claims were batched: " + pulls);
        assertTrue(pulls.stream().allMatch(max -> max >= 2 && max <= 4), "no pull under half a batch: " + pulls);
        assertEquals(1, queue.waiting().size(), "the pool waits for more work");
        jobs.forEach(id -> assertEquals(Json.createValue("done " + id), fulfilled.get(id)));
    }

    @Test
    void a_waiting_pull_hands_new_work_to_the_pool() {
        WorkerPool pool = start(OPTIONS, this::record, manual);
        manual.runReady();
        assertTrue(pool.idle());

        List<UUID> jobs = queue.add(2);
        manual.runReady();

        assertEquals(jobs, processed);
    }

    @Test
    void a_pool_never_runs_more_handlers_than_its_concurrency() throws Exception {
        int concurrency = 3;
        List<UUID> jobs = queue.add(10);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(jobs.size());
        // jobs leased ahead wait for a free handler rather than run at once
        WorkerPool pool = start(
                OPTIONS.withConcurrency(concurrency).withBatchSize(4),
                lease -> {
                    most.accumulateAndGet(now.incrementAndGet(), Math::max);
                    started.countDown();
                    try {
                        assertTrue(go.await(10, TimeUnit.SECONDS));
                        return record(lease);
                    } finally {
                        now.decrementAndGet();
                        finished.countDown();
                    }
                },
                threads);

        assertTrue(started.await(10, TimeUnit.SECONDS));
        Threads.until(() -> pool.length() > 0, "a job leased ahead of the busy handlers");
        assertEquals(concurrency, pool.running());
        assertEquals(concurrency, now.get());
        go.countDown();

        assertTrue(finished.await(10, TimeUnit.SECONDS));
        assertEquals(concurrency, most.get());
        assertEquals(Set.copyOf(jobs), Set.copyOf(processed));
        assertTrue(pool.shutdown(Duration.ofSeconds(10)));
        assertEquals(jobs.size(), fulfilled.size());
    }

    @Test
    void pause_cancels_the_waiting_pull_releases_unstarted_jobs_and_pulls_no_more_until_resumed() {
        List<UUID> jobs = queue.add(3);
        WorkerPool pool = start(OPTIONS.withBatchSize(3), this::record, manual);
        manual.runNext(); // the granted batch: one job to a handler, two leased ahead
        assertEquals(2, pool.length());
        CompletableFuture<?> waitingPull = queue.waiting().get(0);

        pool.pause();
        manual.runReady();

        assertTrue(waitingPull.isCancelled());
        assertEquals(List.of(jobs.get(0)), processed, "the started handler finishes");
        assertEquals(jobs.subList(1, 3), leases.releases());
        assertEquals(0, pool.length());
        List<Integer> pullsWhilePaused = queue.pulls();
        queue.add(1);
        manual.runReady();
        assertEquals(pullsWhilePaused, queue.pulls(), "a paused pool does not pull");
        assertEquals(1, processed.size());

        pool.resume();
        manual.runReady();

        assertEquals(2, processed.size());
        assertEquals(0, queue.available());
    }

    @Test
    void a_job_running_past_a_heartbeat_interval_is_heartbeated_until_its_value_is_committed() {
        Duration heartbeat = OPTIONS.heartbeat();
        CompletableFuture<Void> commit = new CompletableFuture<>();
        fulfill = (lease, value) -> commit;
        List<UUID> jobs = queue.add(1);
        start(
                OPTIONS,
                lease -> {
                    manual.advance(heartbeat.minusSeconds(1));
                    assertEquals(List.of(), leases.heartbeats(), "not due yet");
                    manual.advance(Duration.ofSeconds(2));
                    assertEquals(List.of(lease.jobId()), leases.heartbeats());
                    return JsonValue.TRUE;
                },
                manual);

        manual.runReady();
        assertEquals(jobs, leases.heartbeats());
        manual.advance(heartbeat);
        assertEquals(List.of(jobs.get(0), jobs.get(0)), leases.heartbeats(), "still due while its commit is pending");

        commit.complete(null);
        manual.advance(heartbeat.multipliedBy(3));

        assertEquals(2, leases.heartbeats().size(), "no heartbeats once committed");
    }

    @Test
    void a_short_job_costs_no_heartbeat() {
        queue.add(1);
        start(OPTIONS, this::record, manual);

        manual.runReady();
        manual.advance(OPTIONS.heartbeat().multipliedBy(3));

        assertEquals(1, processed.size());
        assertEquals(List.of(), leases.heartbeats());
    }

    @Test
    void a_handler_that_throws_fails_the_attempt_and_stores_nothing() {
        List<UUID> jobs = queue.add(1);
        start(
                OPTIONS,
                lease -> {
                    throw new IllegalStateException("no luck");
                },
                manual);

        manual.runReady();

        assertEquals(jobs, leases.failures());
        assertTrue(fulfilled.isEmpty());
    }

    @Test
    void shutdown_waits_for_running_handlers_and_releases_jobs_leased_but_not_started() throws Exception {
        List<UUID> jobs = queue.add(3);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        WorkerPool pool = start(
                OPTIONS.withBatchSize(3),
                lease -> {
                    started.countDown();
                    assertTrue(go.await(10, TimeUnit.SECONDS));
                    return record(lease);
                },
                threads);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertEquals(2, pool.length());

        CompletableFuture<Boolean> stopped = new CompletableFuture<>();
        Thread stopper = new Thread(() -> stopped.complete(pool.shutdown(Duration.ofSeconds(10))), "stopper");
        stopper.start();
        Threads.untilWaiting(stopper);

        assertFalse(stopped.isDone(), "shutdown waits for the running handler");
        assertEquals(jobs.subList(1, 3), leases.releases(), "leased-but-unstarted jobs go back at once");
        assertTrue(pool.isShutdown());
        go.countDown();

        assertTrue(stopped.get(10, TimeUnit.SECONDS), "every handler finished within the grace");
        assertEquals(List.of(jobs.get(0)), processed);
        assertTrue(fulfilled.containsKey(jobs.get(0)));
        assertEquals(jobs.subList(1, 3), leases.releases(), "the finished job is not released");
        assertEquals(List.of(), queue.waiting(), "the waiting pull was cancelled");
    }

    @Test
    void shutdown_interrupts_a_handler_still_running_after_the_grace_and_releases_its_job() throws Exception {
        List<UUID> jobs = queue.add(1);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        WorkerPool pool = start(
                OPTIONS,
                lease -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await(10, TimeUnit.SECONDS);
                        interrupted.complete(false);
                    } catch (InterruptedException e) {
                        interrupted.complete(true);
                        throw e;
                    }
                    return JsonValue.TRUE;
                },
                threads);
        assertTrue(started.await(10, TimeUnit.SECONDS));

        assertFalse(pool.shutdown(Duration.ZERO));

        assertTrue(interrupted.get(10, TimeUnit.SECONDS), "the handler was interrupted");
        assertEquals(jobs, leases.releases());
        assertEquals(List.of(), leases.failures(), "a job stopped by shutdown is not a failed attempt");
        assertTrue(fulfilled.isEmpty());
    }
}
