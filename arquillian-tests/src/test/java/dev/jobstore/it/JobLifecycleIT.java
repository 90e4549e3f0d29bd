package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.event.JobCreated;
import dev.jobstore.event.JobFailed;
import dev.jobstore.event.JobFulfilled;
import dev.jobstore.it.events.RecordedEvents;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.job.Backoff;
import dev.jobstore.job.Created;
import dev.jobstore.job.JobPage;
import dev.jobstore.job.JobQuery;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.job.NewJob;
import dev.jobstore.job.ResultNotFoundException;
import dev.jobstore.job.StoredResult;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The core lifecycle through the injected Java API, on the real server and database. */
@ExtendWith(ArquillianExtension.class)
class JobLifecycleIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(JobLifecycleIT.class);
    }

    @Inject
    JobStore store;

    @Inject
    RecordedEvents events;

    private final String queue = "lifecycle-" + UUID.randomUUID();

    private JobView create(NewJob request) {
        return store.create(queue, request).job();
    }

    private JobLease pull() {
        return store.pullWork(queue, "worker-1").orElseThrow(() -> new AssertionError("no job was handed out"));
    }

    @Test
    void created_job_is_pending_and_announced_after_commit() {
        JsonObject payload = Json.createObjectBuilder().add("calculate", "3+3").build();
        Created created = store.create(queue, NewJob.of(payload));

        assertTrue(created.isNew());
        JobView job = store.get(created.job().id());
        assertEquals(JobStatus.PENDING, job.status());
        assertEquals(payload, job.payload());
        assertEquals(3, job.maxAttempts());
        assertEquals(List.of(new JobCreated(job.id(), queue)), events.about(job.id(), JobCreated.class));
    }

    @Test
    void same_key_in_the_same_queue_returns_the_existing_job() {
        JobView first = create(NewJob.of(Json.createValue(1)).withKey("order-42"));
        Created again = store.create(queue, NewJob.of(Json.createValue(2)).withKey("order-42"));
        Created otherQueue =
                store.create(queue + "-other", NewJob.of(Json.createValue(3)).withKey("order-42"));

        assertFalse(again.isNew());
        assertEquals(first.id(), again.job().id());
        assertEquals(Json.createValue(1), again.job().payload());
        assertTrue(otherQueue.isNew());
    }

    @Test
    void work_is_handed_out_by_priority_then_oldest_first() {
        JobView low = create(NewJob.of(Json.createValue("low")).withPriority(-1));
        JobView firstNormal = create(NewJob.of(Json.createValue("first")));
        JobView secondNormal = create(NewJob.of(Json.createValue("second")));
        JobView high = create(NewJob.of(Json.createValue("high")).withPriority(10));

        List<UUID> order = List.of(pull().jobId(), pull().jobId(), pull().jobId(), pull().jobId());

        assertEquals(List.of(high.id(), firstNormal.id(), secondNormal.id(), low.id()), order);
        assertTrue(store.pullWork(queue, "worker-1").isEmpty());
    }

    @Test
    void a_job_is_not_handed_out_before_its_run_at() {
        JobView later = create(NewJob.of(null).withRunAt(Instant.now().plus(Duration.ofHours(1))));
        assertEquals(JobStatus.WAITING, store.get(later.id()).status());
        assertTrue(store.pullWork(queue, "worker-1").isEmpty());

        JobView soon = create(NewJob.of(null).withDelay(Duration.ofMillis(300)));
        JobLease lease = Await.until(
                        "the delayed job to become claimable",
                        Duration.ofSeconds(10),
                        () -> store.pullWork(queue, "worker-1"),
                        Optional::isPresent)
                .orElseThrow();

        assertEquals(soon.id(), lease.jobId());
        assertFalse(Instant.now().isBefore(soon.runAt()), "handed out before its runAt");
        assertEquals(JobStatus.WAITING, store.get(later.id()).status());
    }

    @Test
    void pull_leases_up_to_max_jobs_at_once() {
        for (int i = 0; i < 5; i++) {
            create(NewJob.of(Json.createValue(i)));
        }
        List<JobLease> leases =
                store.pullWork(queue, PullRequest.of("batcher").withMax(3).withLease(Duration.ofMinutes(1)));

        assertEquals(3, leases.size());
        assertEquals(3, leases.stream().map(JobLease::token).distinct().count());
        for (JobLease lease : leases) {
            JobView running = store.get(lease.jobId());
            assertEquals(JobStatus.RUNNING, running.status());
            assertEquals("batcher", running.lease().owner());
            assertNull(running.lease().token(), "reading a job must never reveal its lease token");
        }
    }

    @Test
    void fulfill_stores_the_value_with_its_content_type_exactly_once() {
        JobView job = create(NewJob.of(null));
        JobLease lease = pull();
        byte[] value = "<p>done</p>".getBytes(StandardCharsets.UTF_8);

        JobView fulfilled = lease.fulfill(value, "text/html");

        assertEquals(JobStatus.FULFILLED, fulfilled.status());
        assertNotNull(fulfilled.finishedAt());
        StoredResult result = store.result(job.id());
        assertEquals("text/html", result.contentType());
        assertArrayEquals(value, result.content());
        assertEquals(
                List.of(new JobFulfilled(job.id(), queue, "text/html")), events.about(job.id(), JobFulfilled.class));

        assertThrows(LeaseLostException.class, () -> lease.fulfill(Json.createValue("second")));
        assertArrayEquals(value, store.result(job.id()).content());
    }

    @Test
    void result_is_not_found_until_fulfilled() {
        JobView job = create(NewJob.of(null));
        assertThrows(ResultNotFoundException.class, () -> store.result(job.id()));
    }

    @Test
    void heartbeat_extends_the_lease() {
        create(NewJob.of(null));
        JobLease lease = store.pullWork(queue, PullRequest.of("w").withLease(Duration.ofSeconds(5)))
                .get(0);
        Instant before = lease.expiresAt();

        Instant extended = lease.heartbeat(Duration.ofMinutes(10));

        assertTrue(extended.isAfter(before.plus(Duration.ofMinutes(5))));
        assertEquals(extended, store.get(lease.jobId()).lease().expiresAt());
    }

    @Test
    void release_returns_the_job_to_the_pool_and_counts_it() {
        JobView job = create(NewJob.of(null));
        JobLease lease = pull();

        lease.release();

        JobView released = store.get(job.id());
        assertEquals(JobStatus.PENDING, released.status());
        assertEquals(1, released.releases());
        assertEquals(0, released.attempts());
        assertNull(released.lease());
        assertEquals(job.id(), pull().jobId());
        assertThrows(LeaseLostException.class, lease::heartbeat);
    }

    @Test
    void failure_is_retried_after_backoff_then_the_job_fails_for_good() {
        JobView job = create(NewJob.of(null)
                .withMaxAttempts(2)
                .withBackoff(new Backoff(Duration.ofMillis(400), 2.0, Duration.ofSeconds(5))));

        JobView afterFirst = pull().fail("smtp timeout");
        assertEquals(JobStatus.WAITING, afterFirst.status());
        assertEquals(afterFirst.failures().get(0).getAt().plusMillis(400), afterFirst.runAt());

        JobLease second = Await.until(
                        "the retry to become claimable",
                        Duration.ofSeconds(10),
                        () -> store.pullWork(queue, "worker-1"),
                        Optional::isPresent)
                .orElseThrow();
        JobView failed = second.fail("smtp timeout again");

        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals(2, failed.attempts());
        assertEquals(
                List.of("smtp timeout", "smtp timeout again"),
                failed.failures().stream().map(f -> f.getError()).toList());
        List<JobFailed> announced = events.about(job.id(), JobFailed.class);
        assertEquals(2, announced.size());
        assertTrue(announced.get(0).willRetry());
        assertFalse(announced.get(1).willRetry());
    }

    @Test
    void failure_without_retry_fails_at_once() {
        JobView job = create(NewJob.of(null));
        pull().fail("invalid address", false);
        JobView failed = store.get(job.id());
        assertEquals(JobStatus.FAILED, failed.status());
        assertEquals(1, failed.attempts());
    }

    @Test
    void list_filters_and_pages_newest_first() {
        JobView a = create(NewJob.of(Json.createValue("a")));
        JobView b = create(NewJob.of(Json.createValue("b")));
        JobView c = create(NewJob.of(Json.createValue("c")));
        pull(); // leases a, the oldest

        JobPage first = store.list(new JobQuery(queue, null, null, null, 2, null));
        JobPage second = store.list(new JobQuery(queue, null, null, null, 2, first.next()));

        assertEquals(
                List.of(c.id(), b.id()), first.items().stream().map(JobView::id).toList());
        assertEquals(List.of(a.id()), second.items().stream().map(JobView::id).toList());
        assertNull(second.next());
        assertEquals(
                List.of(a.id()),
                store.list(new JobQuery(queue, JobStatus.RUNNING, null, null, null, null)).items().stream()
                        .map(JobView::id)
                        .toList());
        assertEquals(
                List.of(c.id(), b.id()),
                store.list(new JobQuery(queue, JobStatus.PENDING, null, null, null, null)).items().stream()
                        .map(JobView::id)
                        .toList());
    }
}
