package dev.jobstore.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.client.Acknowledgement;
import dev.jobstore.client.CreatedJob;
import dev.jobstore.client.JobOutcome;
import dev.jobstore.client.JobWorker;
import dev.jobstore.client.JobstoreClient;
import dev.jobstore.client.JobstoreException;
import dev.jobstore.client.NewJob;
import dev.jobstore.client.PermanentFailure;
import dev.jobstore.client.WorkerOptions;
import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java client (java-client) against the real server: producers and workers outside it. */
@ExtendWith(ArquillianExtension.class)
class JavaClientIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWithPackage(JavaClientIT.class, JobstoreClient.class.getPackage());
    }

    private static final URI API =
            URI.create("http://127.0.0.1:" + System.getProperty("jobstore.test.http-port", "8180") + "/jobstore/api");

    private final JobstoreClient producer =
            JobstoreClient.builder(API).basicAuth("producer", "producer").build();
    private final JobstoreClient worker =
            JobstoreClient.builder(API).basicAuth("worker", "worker").build();
    private final Api admin = new Api();
    private final String queue = "client-" + UUID.randomUUID();
    private final List<JobWorker> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (JobWorker each : workers) {
            each.shutdown(Duration.ofSeconds(5));
        }
    }

    private JobWorker process(WorkerOptions options, dev.jobstore.client.JobHandler handler) {
        JobWorker started =
                worker.processJobs(queue, options.withWorker("client-it").withPollWait(Duration.ofSeconds(1)), handler);
        workers.add(started);
        return started;
    }

    private JsonObject job(UUID id) {
        return admin.get("jobs/" + id).object();
    }

    @Test
    void a_worker_fulfills_what_a_producer_creates_and_the_producer_awaits_it() throws Exception {
        List<CreatedJob> created = producer.createAll(
                queue,
                IntStream.range(0, 40)
                        .mapToObj(i -> NewJob.of(Json.createValue(i)))
                        .toList());
        CreatedJob keyed =
                producer.create(queue, NewJob.of(Json.createValue(100)).withKey("hundred"));
        CreatedJob again =
                producer.create(queue, NewJob.of(Json.createValue(100)).withKey("hundred"));
        assertTrue(keyed.isNew());
        assertFalse(again.isNew());
        assertEquals(keyed.id(), again.id());

        List<Acknowledgement> acknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();
        JobWorker running = process(
                WorkerOptions.defaults().withConcurrency(4).onAcknowledged(acknowledged::add),
                job -> Json.createValue(((jakarta.json.JsonNumber) job.payload()).intValue() * 2));

        JobOutcome outcome = producer.awaitOutcome(keyed.id()).get(30, TimeUnit.SECONDS);
        assertEquals(JobOutcome.Status.FULFILLED, outcome.status());
        assertEquals(Json.createValue(200), outcome.valueAsJson());
        for (CreatedJob each : created) {
            assertTrue(
                    producer.awaitOutcome(each.id()).get(30, TimeUnit.SECONDS).isFulfilled());
        }
        Await.until("41 answers acknowledged", Duration.ofSeconds(10), running::answered, n -> n == 41);
        assertEquals(41, acknowledged.size());
        for (Acknowledgement each : acknowledged) {
            assertEquals("fulfill", each.action());
            assertEquals(Acknowledgement.Outcome.STORED, each.outcome(), each::toString);
        }
    }

    @Test
    void an_answer_the_server_refuses_is_reported_with_its_problem() throws Exception {
        CreatedJob created = producer.create(queue, NewJob.of(Json.createValue("taken away")));
        CompletableFuture<Acknowledgement> acknowledged = new CompletableFuture<>();
        // The default 30 s lease is renewed after 10 s: no heartbeat notices the cancel before the answer is sent.
        process(WorkerOptions.defaults().onAcknowledged(acknowledged::complete), job -> {
            assertEquals(200, admin.post("jobs/" + job.id() + "/cancel", null).status()); // takes the lease
            return Json.createValue("too late");
        });

        Acknowledgement refused = acknowledged.get(30, TimeUnit.SECONDS);

        assertEquals(created.id(), refused.job().id());
        assertEquals(Acknowledgement.Outcome.REFUSED, refused.outcome());
        assertEquals("lease-lost", refused.problem());
        assertEquals("CANCELLED", job(created.id()).getString("status"));
    }

    @Test
    void a_permanent_failure_fails_the_job_and_the_awaiting_producer_learns_why() throws Exception {
        CreatedJob created = producer.create(queue, NewJob.of(Json.createValue("doomed")));
        process(WorkerOptions.defaults(), job -> {
            throw new PermanentFailure("the printer is on fire");
        });

        JobOutcome outcome =
                producer.awaitOutcome(created.id(), Duration.ofSeconds(30)).get(40, TimeUnit.SECONDS);

        assertEquals(JobOutcome.Status.FAILED, outcome.status());
        assertTrue(outcome.error().contains("the printer is on fire"), outcome::toString);
    }

    @Test
    void an_await_that_times_out_completes_with_a_timeout() {
        UUID id = UUID.fromString(admin.post("queues/" + queue + "/jobs", "{\"payload\":1}")
                .object()
                .getString("id"));

        var failure = assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> producer.awaitOutcome(id, Duration.ofMillis(500)).get(30, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof TimeoutException, failure::toString);
    }

    @Test
    void a_lost_lease_interrupts_its_handler_and_stores_nothing() throws Exception {
        CreatedJob created = producer.create(queue, NewJob.of(Json.createValue("slow")));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Set<UUID> compromised = ConcurrentHashMap.newKeySet();
        process(
                WorkerOptions.defaults()
                        .withLease(Duration.ofSeconds(1))
                        .onCompromised(job -> compromised.add(job.id())),
                job -> {
                    started.countDown();
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return Json.createValue("too late");
                });
        assertTrue(started.await(20, TimeUnit.SECONDS), "the handler never started");

        assertEquals(200, admin.post("jobs/" + created.id() + "/cancel", null).status()); // takes the lease

        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the handler was not interrupted");
        assertEquals(Set.of(created.id()), compromised);
        assertEquals("CANCELLED", job(created.id()).getString("status"));
        assertEquals(409, admin.get("jobs/" + created.id() + "/result").status(), "a value was stored");
    }

    @Test
    void a_graceful_shutdown_finishes_running_jobs_and_releases_unstarted_ones() throws Exception {
        List<CreatedJob> created = producer.createAll(
                queue,
                IntStream.range(0, 4)
                        .mapToObj(i -> NewJob.of(Json.createValue(i)))
                        .toList());
        CountDownLatch finish = new CountDownLatch(1);
        Set<UUID> handled = ConcurrentHashMap.newKeySet();
        JobWorker running = process(WorkerOptions.defaults().withConcurrency(1).withPrefetch(3), job -> {
            handled.add(job.id());
            finish.await();
            return Json.createValue("done");
        });
        Await.until(
                "one running, three waiting",
                Duration.ofSeconds(20),
                () -> running.running() * 10 + running.length(),
                state -> state == 13);

        var shutdown = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return running.shutdown(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("the unstarted jobs released", Duration.ofSeconds(20), running::length, n -> n == 0);
        finish.countDown();

        assertTrue(shutdown.get(30, TimeUnit.SECONDS), "a handler outlived the grace period");
        workers.remove(running);
        UUID done = handled.iterator().next();
        assertEquals(1, handled.size());
        for (CreatedJob each : created) {
            JsonObject job = job(each.id());
            if (each.id().equals(done)) {
                assertEquals("FULFILLED", job.getString("status"));
            } else {
                assertEquals("PENDING", job.getString("status"), job::toString);
                assertEquals(0, job.getInt("attempts"), "a released job kept its attempt: " + job);
                assertEquals(1, job.getInt("releases"), job::toString);
            }
        }
    }

    @Test
    void wrong_credentials_are_refused_with_their_problem() {
        JobstoreClient stranger =
                JobstoreClient.builder(API).basicAuth("worker", "wrong").build();

        JobstoreException refused =
                assertThrows(JobstoreException.class, () -> stranger.create(queue, NewJob.of(Json.createValue(1))));

        assertEquals(401, refused.status());
        assertEquals("unauthorized", refused.type());
    }
}
