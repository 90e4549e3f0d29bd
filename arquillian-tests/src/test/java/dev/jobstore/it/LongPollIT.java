package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Api.Reply;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.job.NewJob;
import dev.jobstore.store.JobStore;
import dev.jobstore.wakeup.WorkWaiters;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Long polls over HTTP. The test server rechecks the database only every 20 s
 * ({@code jobstore.pull.recheck}), longer than any wait used here: a pull that returns a job
 * before its wait ends was woken by the new job's commit, not found by polling.
 */
@ExtendWith(ArquillianExtension.class)
class LongPollIT {

    private static final Logger LOG = Logger.getLogger(LongPollIT.class.getName());

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(LongPollIT.class);
    }

    @Inject
    WorkWaiters waiters;

    @Inject
    JobStore store;

    @Inject
    UserTransaction transaction;

    private final Api api = new Api();
    private final String queue = "longpoll-" + UUID.randomUUID();
    private final ExecutorService workers = Executors.newCachedThreadPool();

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    private CompletableFuture<Reply> waitingPull(String worker, String wait) {
        return CompletableFuture.supplyAsync(
                () -> api.post(
                        "queues/" + queue + "/leases", "{\"worker\":\"" + worker + "\",\"wait\":\"" + wait + "\"}"),
                workers);
    }

    /** Returns once {@code count} pulls wait on this test's queue, so a job created next must wake one. */
    private void untilWaiting(int count) {
        Await.until(
                count + " waiting pull(s) on " + queue,
                Duration.ofSeconds(20),
                () -> waiters.waiting(queue),
                waiting -> waiting == count);
    }

    private String createJob() {
        Reply created = api.post("queues/" + queue + "/jobs", "{\"payload\":\"wake up\"}");
        assertEquals(201, created.status(), created::toString);
        return created.object().getString("id");
    }

    @Test
    void a_waiting_pull_is_handed_a_job_created_during_the_wait() throws Exception {
        CompletableFuture<Reply> pull = waitingPull("sleeper", "PT15S");
        untilWaiting(1);

        long createdAt = System.nanoTime();
        String id = createJob();
        Reply reply = pull.get(30, TimeUnit.SECONDS);
        long wakeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - createdAt);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(1, reply.array().size());
        assertEquals(id, reply.array().getJsonObject(0).getString("id"));
        LOG.info("long-poll wake-up: job handed out " + wakeMillis + " ms after its create was sent");
        assertTrue(wakeMillis < 5000, "the waiting pull was not woken by the create: " + wakeMillis + " ms");
    }

    // The create's own transaction claims for the idle pull: the job is leased once its create
    // has answered. A create that rolls back takes its claim with it, and the pull waits on.
    @Test
    void a_create_claims_for_a_waiting_pull_in_its_own_transaction_and_a_rollback_hands_over_nothing()
            throws Exception {
        CompletableFuture<Reply> pull = waitingPull("sleeper", "PT15S");
        untilWaiting(1);

        transaction.begin();
        store.create(queue, NewJob.of(Json.createValue("rolled back")));
        transaction.rollback();
        String id = createJob();
        assertEquals("RUNNING", api.get("jobs/" + id).object().getString("status"));

        Reply reply = pull.get(30, TimeUnit.SECONDS);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(1, reply.array().size(), reply::toString);
        assertEquals(id, reply.array().getJsonObject(0).getString("id"));
    }

    @Test
    void several_waiting_pulls_share_new_jobs_one_each() throws Exception {
        List<CompletableFuture<Reply>> pulls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pulls.add(waitingPull("sleeper-" + i, "PT15S"));
        }
        untilWaiting(4);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            created.add(createJob());
        }

        Set<String> received = new HashSet<>();
        for (CompletableFuture<Reply> pull : pulls) {
            Reply reply = pull.get(30, TimeUnit.SECONDS);
            assertEquals(1, reply.array().size(), reply::toString);
            received.add(reply.array().getJsonObject(0).getString("id"));
        }
        assertEquals(created, received);
    }

    @Test
    void a_waiting_pull_with_no_work_returns_an_empty_array_when_the_wait_ends() throws Exception {
        long start = System.nanoTime();
        Reply reply = waitingPull("patient", "PT1S").get(30, TimeUnit.SECONDS);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(0, reply.array().size());
        assertTrue(waited.compareTo(Duration.ofMillis(950)) >= 0, "returned before the wait ended: " + waited);
    }

    @Test
    void a_pull_without_wait_answers_at_once() {
        Reply reply = api.post("queues/" + queue + "/leases", "{\"worker\":\"impatient\"}");
        assertEquals(200, reply.status());
        assertEquals(List.of(), reply.array().getValuesAs(JsonObject.class));
    }
}
