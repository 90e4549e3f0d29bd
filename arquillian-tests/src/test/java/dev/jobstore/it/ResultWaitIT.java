package dev.jobstore.it;

import static dev.jobstore.it.support.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.control.JobControl;
import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Api.Reply;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.ProblemAssert;
import dev.jobstore.job.JobOutcome;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.NewJob;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import dev.jobstore.wakeup.Wakeups;
import dev.jobstore.wakeup.WorkWaiters;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Awaiting a job's result: {@code GET /jobs/{id}/result?wait=} and {@link JobStore#awaitOutcome}.
 * The test server rechecks waits only every 20 s ({@code jobstore.pull.recheck}), longer than
 * any wait here: a wait answered before it ends was woken by the job's final commit.
 */
@ExtendWith(ArquillianExtension.class)
class ResultWaitIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(ResultWaitIT.class, ProblemAssert.class);
    }

    @Inject
    JobStore store;

    @Inject
    JobControl control;

    @Inject
    WorkWaiters waiters;

    private final Api api = new Api();
    private final String queue = "await-" + UUID.randomUUID();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    private JobLease createAndLease() {
        store.create(queue, NewJob.of(Json.createValue("work")));
        return store.pullWork(queue, "worker").orElseThrow();
    }

    private CompletableFuture<Reply> awaitOverHttp(UUID id, String wait) {
        CompletableFuture<Reply> reply =
                CompletableFuture.supplyAsync(() -> api.get("jobs/" + id + "/result?wait=" + wait), callers);
        untilWaiting(1);
        return reply;
    }

    /** Returns once {@code count} result waits are registered on this test's queue. */
    private void untilWaiting(int count) {
        Await.until(
                count + " result wait(s) on " + queue,
                Duration.ofSeconds(20),
                () -> waiters.waiting(Wakeups.finishedChannel(queue)),
                waiting -> waiting == count);
    }

    @Test
    void a_wait_answers_the_value_once_the_job_is_fulfilled() throws Exception {
        JobLease lease = createAndLease();
        CompletableFuture<Reply> waiting = awaitOverHttp(lease.jobId(), "PT15S");

        long fulfilledAt = System.nanoTime();
        lease.fulfill("42 apples".getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
        Reply reply = waiting.get(30, TimeUnit.SECONDS);
        long wokenAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fulfilledAt);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("42 apples", reply.text());
        assertEquals("text/plain;charset=utf-8", reply.contentType().replace(" ", ""));
        assertTrue(wokenAfterMillis < 5000, "the wait was not woken by the fulfill: " + wokenAfterMillis + " ms");
        untilWaiting(0);
    }

    @Test
    void a_wait_answers_the_final_failure_as_a_problem() throws Exception {
        JobLease lease = createAndLease();
        CompletableFuture<Reply> waiting = awaitOverHttp(lease.jobId(), "PT15S");

        lease.fail("the printer is on fire", false);

        assertAll(problem(waiting.get(30, TimeUnit.SECONDS), 409, "job-failed", "the printer is on fire"));
    }

    /** A wait woken by the end of another job of its queue, or by a retried failure, goes on waiting. */
    @Test
    void only_the_end_of_its_own_job_ends_a_wait() throws Exception {
        JobLease lease = createAndLease();
        CompletableFuture<Reply> waiting = awaitOverHttp(lease.jobId(), "PT15S");

        lease.fail("try again", true);
        store.create(queue, NewJob.of(Json.createValue("other")));
        control.cancel(store.pullWork(queue, "other").orElseThrow().jobId());
        control.cancel(lease.jobId());

        // Had a wake-up before the last cancel ended the wait, it would have answered 404.
        assertAll(problem(waiting.get(30, TimeUnit.SECONDS), 409, "job-cancelled", "CANCELLED"));
    }

    @Test
    void a_cancelled_job_answers_job_cancelled_at_once() {
        JobLease lease = createAndLease();
        control.cancel(lease.jobId());

        assertAll(problem(api.get("jobs/" + lease.jobId() + "/result"), 409, "job-cancelled", "CANCELLED"));
    }

    @Test
    void a_wait_that_ends_first_answers_result_not_found_with_the_status() throws Exception {
        JobLease lease = createAndLease();
        long start = System.nanoTime();

        Reply reply = CompletableFuture.supplyAsync(
                        () -> api.get("jobs/" + lease.jobId() + "/result?wait=PT1S"), callers)
                .get(30, TimeUnit.SECONDS);

        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertAll(problem(reply, 404, "result-not-found", "RUNNING"));
        assertTrue(waited.compareTo(Duration.ofMillis(950)) >= 0, "answered before the wait ended: " + waited);
        untilWaiting(0);
    }

    @Test
    void bad_waits_and_unknown_jobs_are_refused() {
        UUID id = createAndLease().jobId();

        assertAll(
                problem(api.get("jobs/" + id + "/result?wait=PT5M"), 400, "invalid-request", "jobstore.pull.max-wait"),
                problem(api.get("jobs/" + id + "/result?wait=soon"), 400, "invalid-request", "ISO-8601"),
                problem(api.get("jobs/" + id + "/result?wait=-PT1S"), 400, "invalid-request", "wait"),
                problem(api.get("jobs/" + UUID.randomUUID() + "/result?wait=PT5S"), 404, "job-not-found", "no job"));
        assertEquals(0, waiters.waiting(Wakeups.finishedChannel(queue)));
    }

    @Test
    void the_java_api_completes_a_stage_with_the_outcome() throws Exception {
        JobLease lease = createAndLease();
        CompletableFuture<JobOutcome> outcome = store.awaitOutcome(lease.jobId(), Duration.ofSeconds(15));
        untilWaiting(1);
        assertFalse(outcome.isDone());

        lease.fulfill(Json.createObjectBuilder().add("apples", 42).build());

        JobOutcome done = outcome.get(30, TimeUnit.SECONDS);
        assertEquals(JobStatus.FULFILLED, done.status());
        assertEquals("{\"apples\":42}", new String(done.value().content(), StandardCharsets.UTF_8));
        assertEquals("application/json", done.value().contentType());
        assertNull(done.error());
    }

    @Test
    void the_java_api_answers_where_the_job_stands_when_the_wait_ends() throws Exception {
        UUID id = store.create(queue, NewJob.of(Json.createValue("idle"))).job().id();

        JobOutcome outcome = store.awaitOutcome(id, Duration.ofMillis(300)).get(30, TimeUnit.SECONDS);

        assertEquals(JobStatus.PENDING, outcome.status());
        assertFalse(outcome.isFinal());
    }
}
