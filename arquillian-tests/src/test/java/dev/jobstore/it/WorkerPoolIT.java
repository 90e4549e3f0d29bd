package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.control.JobControl;
import dev.jobstore.it.support.AnnotatedHandler;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.job.JobQuery;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.NewJob;
import dev.jobstore.job.ResultNotFoundException;
import dev.jobstore.store.JobStore;
import dev.jobstore.worker.WorkerOptions;
import dev.jobstore.worker.WorkerPool;
import dev.jobstore.worker.WorkerPools;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** In-process worker pools on the server's managed executor. */
@ExtendWith(ArquillianExtension.class)
class WorkerPoolIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(WorkerPoolIT.class, AnnotatedHandler.class);
    }

    @Inject
    JobStore store;

    @Inject
    WorkerPools pools;

    @Inject
    JobControl control;

    private final String queue = "pool-" + UUID.randomUUID();
    private final List<WorkerPool> started = new ArrayList<>();

    @AfterEach
    void stopPools() {
        started.forEach(pool -> pool.shutdown(Duration.ofSeconds(5)));
    }

    private WorkerPool start(WorkerOptions options, dev.jobstore.worker.JobProcessor processor) {
        WorkerPool pool = pools.processJobs(queue, options.withPollWait(Duration.ofSeconds(2)), processor);
        started.add(pool);
        return pool;
    }

    private UUID create(String payload) {
        return store.create(queue, NewJob.of(Json.createValue(payload))).job().id();
    }

    private JobView awaitStatus(UUID id, JobStatus status) {
        return Await.until(
                "job " + id + " to be " + status, PATIENCE, () -> store.get(id), job -> job.status() == status);
    }

    @Test
    void handlers_run_up_to_the_concurrency_and_their_values_fulfill_the_jobs() {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger mostActive = new AtomicInteger();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ids.add(create("job-" + i));
        }
        WorkerPool pool = start(WorkerOptions.defaults().withConcurrency(3).withBatchSize(3), lease -> {
            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            Thread.sleep(300); // the work
            active.decrementAndGet();
            return Json.createValue("done " + lease.payload());
        });

        for (UUID id : ids) {
            awaitStatus(id, JobStatus.FULFILLED);
        }
        assertEquals(3, mostActive.get(), "the pool did not run exactly `concurrency` handlers at once");
        assertEquals(
                "\"done \\\"job-0\\\"\"", new String(store.result(ids.get(0)).content(), StandardCharsets.UTF_8));
        Await.until("the pool to be idle", PATIENCE, pool::idle, idle -> idle);
        assertEquals(0, pool.running());
    }

    @Test
    void an_exception_fails_the_attempt_and_the_job_is_retried() {
        UUID id = store.create(
                        queue,
                        NewJob.of(null)
                                .withBackoff(new dev.jobstore.job.Backoff(
                                        Duration.ofMillis(200), 1.0, Duration.ofMillis(200))))
                .job()
                .id();
        start(WorkerOptions.defaults(), lease -> {
            if (lease.job().attempts() == 1) {
                throw new IllegalStateException("first attempt breaks");
            }
            return Json.createValue("second attempt works");
        });

        JobView done = awaitStatus(id, JobStatus.FULFILLED);
        assertEquals(2, done.attempts());
        assertTrue(done.failures().get(0).getError().contains("first attempt breaks"));
    }

    @Test
    void a_handler_whose_lease_is_lost_is_interrupted_and_its_value_dropped() throws Exception {
        UUID id = create("slow");
        CountDownLatch startedWork = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch handlerDone = new CountDownLatch(1);
        start(WorkerOptions.defaults(), lease -> {
            startedWork.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            } finally {
                handlerDone.countDown();
            }
            return Json.createValue("too late");
        });
        assertTrue(startedWork.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));

        control.cancel(id); // the admin takes the job away: its holder is compromised

        assertTrue(handlerDone.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the handler was not interrupted");
        assertTrue(interrupted.get());
        assertEquals(JobStatus.CANCELLED, store.get(id).status());
        assertThrows(ResultNotFoundException.class, () -> store.result(id), "a compromised handler's value was stored");
    }

    @Test
    void shutdown_gives_running_handlers_a_grace_period_then_releases_their_leases() throws Exception {
        UUID quick = create("quick");
        UUID stuck = create("stuck");
        CountDownLatch bothStarted = new CountDownLatch(2);
        WorkerPool pool = start(WorkerOptions.defaults().withConcurrency(2).withBatchSize(2), lease -> {
            bothStarted.countDown();
            if (lease.jobId().equals(quick)) {
                Thread.sleep(200); // finishes within the grace period
                return Json.createValue("made it");
            }
            Thread.sleep(60_000);
            return Json.createValue("never");
        });
        assertTrue(bothStarted.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));

        assertFalse(pool.shutdown(Duration.ofSeconds(2)), "the stuck handler cannot finish in time");

        assertEquals(
                JobStatus.FULFILLED, store.get(quick).status(), "a handler finishing within the grace lost its value");
        JobView released = store.get(stuck);
        assertEquals(JobStatus.PENDING, released.status(), "the unfinished job must not wait out its lease");
        assertEquals(1, released.releases());
        assertNull(released.lease());
        assertTrue(pool.isShutdown());
    }

    @Test
    void a_paused_pool_takes_no_job_until_resumed() throws Exception {
        WorkerPool pool = start(WorkerOptions.defaults(), lease -> Json.createValue("ok"));
        pool.pause();
        UUID id = create("later");
        Thread.sleep(1500); // a paused pool must leave the job alone however long we look
        assertEquals(JobStatus.PENDING, store.get(id).status());

        pool.resume();
        awaitStatus(id, JobStatus.FULFILLED);
        assertEquals(0, pool.length());
    }

    @Test
    void an_annotated_handler_runs_without_any_start_up_code() {
        UUID id = store.create(AnnotatedHandler.QUEUE, NewJob.of(Json.createValue("ada")))
                .job()
                .id();

        Await.until("the annotated handler", PATIENCE, () -> store.get(id), job -> job.status() == JobStatus.FULFILLED);

        assertEquals("\"hello ada\"", new String(store.result(id).content(), StandardCharsets.UTF_8));
        assertEquals(
                1,
                store.list(new JobQuery(AnnotatedHandler.QUEUE, JobStatus.FULFILLED, null, null, null, null))
                        .items()
                        .size());
    }
}
