package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.event.JobCompromised;
import dev.jobstore.event.JobFailed;
import dev.jobstore.it.events.RecordedEvents;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.job.NewJob;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import dev.jobstore.sweep.LeaseSweep;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lease expiry with short leases: the test server sweeps every 0.2 s
 * ({@code jobstore.sweep.interval}), so a lease of a second is reclaimed within seconds.
 */
@ExtendWith(ArquillianExtension.class)
class LeaseExpiryIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(LeaseExpiryIT.class);
    }

    @Inject
    JobStore store;

    @Inject
    LeaseSweep sweep;

    @Inject
    RecordedEvents events;

    private final String queue = "expiry-" + UUID.randomUUID();

    @Test
    void expired_lease_goes_back_to_the_pool_and_its_stale_holder_is_fenced_off() throws Exception {
        JobView job = store.create(queue, NewJob.of(Json.createValue("work"))).job();
        JobLease stale = store.pullWork(queue, PullRequest.of("paused-worker").withLease(Duration.ofSeconds(1)))
                .get(0);
        AtomicInteger callbacks = new AtomicInteger();
        CountDownLatch told = new CountDownLatch(1);
        stale.onCompromised(() -> {
            callbacks.incrementAndGet();
            told.countDown();
        });

        // The holder is "paused": it never heartbeats, so the sweep takes the job back.
        JobView reclaimed = Await.until(
                "the sweep to reclaim the lease",
                PATIENCE,
                () -> store.get(job.id()),
                view -> view.status() == JobStatus.PENDING);
        assertEquals(1, reclaimed.releases());
        assertEquals(1, reclaimed.attempts(), "the lost lease used up its attempt");
        assertTrue(told.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "onCompromised did not run");

        JobLease fresh = store.pullWork(queue, "fresh-worker").orElseThrow();
        fresh.fulfill(bytes("fresh"), "text/plain");

        assertThrows(LeaseLostException.class, () -> stale.fulfill(bytes("stale"), "text/plain"));
        assertThrows(LeaseLostException.class, stale::heartbeat);
        assertThrows(LeaseLostException.class, stale::release);
        assertArrayEquals(bytes("fresh"), store.result(job.id()).content(), "the stale holder overwrote the value");

        Await.until(
                "the compromised event",
                PATIENCE,
                () -> events.about(job.id(), JobCompromised.class),
                list -> !list.isEmpty());
        sweep.sweepExpiredLeases(Instant.now()); // more sweeps must not tell anyone again
        List<JobCompromised> compromised = events.about(job.id(), JobCompromised.class);
        assertEquals(1, compromised.size(), () -> "compromised events: " + compromised);
        assertEquals(stale.token(), compromised.get(0).token());
        assertEquals("lease expired", compromised.get(0).reason());
        assertEquals(1, callbacks.get(), "onCompromised ran more than once");
        assertTrue(stale.isCompromised());
    }

    @Test
    void every_grant_has_a_larger_fence_across_release_expiry_and_a_new_lease() {
        UUID id =
                store.create(queue, NewJob.of(Json.createValue("fenced"))).job().id();
        JobLease first = store.pullWork(queue, PullRequest.of("fenced-worker")).get(0);
        first.release();
        JobLease second = store.pullWork(queue, PullRequest.of("fenced-worker").withLease(Duration.ofSeconds(1)))
                .get(0);
        Await.until(
                "the sweep to reclaim the lease",
                PATIENCE,
                () -> store.get(id),
                view -> view.status() == JobStatus.PENDING);
        JobLease third = store.pullWork(queue, PullRequest.of("fenced-worker")).get(0);

        assertEquals(List.of(1L, 2L, 3L), List.of(first.fence(), second.fence(), third.fence()));
        assertEquals(3, store.get(id).lease().fence(), "a read shows the holder's fence");
    }

    @Test
    void lease_expiring_on_the_last_attempt_fails_the_job() {
        JobView job = store.create(queue, NewJob.of(null).withMaxAttempts(1)).job();
        store.pullWork(queue, PullRequest.of("doomed-worker").withLease(Duration.ofMillis(500)));

        JobView failed = Await.until(
                "the job to fail", PATIENCE, () -> store.get(job.id()), view -> view.status() == JobStatus.FAILED);

        assertEquals("lease expired", failed.failures().get(0).getError());
        assertEquals(1, failed.releases());
        assertNull(failed.lease());
        // The event fires after the commit, so the FAILED state can be seen a moment before it.
        List<JobFailed> announced = Await.until(
                "the failed event", PATIENCE, () -> events.about(job.id(), JobFailed.class), list -> !list.isEmpty());
        assertEquals(1, announced.size());
        assertNull(announced.get(0).retryAt());
        assertTrue(store.pullWork(queue, "another-worker").isEmpty(), "a job out of attempts was handed out again");
    }

    @Test
    void a_sweep_reclaims_only_leases_expired_at_the_instant_it_is_given() {
        JobView shortLease =
                store.create(queue, NewJob.of(Json.createValue("short"))).job();
        JobView longLease =
                store.create(queue, NewJob.of(Json.createValue("long"))).job();
        store.pullWork(queue, PullRequest.of("w").withLease(Duration.ofSeconds(30)));
        store.pullWork(queue, PullRequest.of("w").withLease(Duration.ofHours(1)));

        sweep.sweepExpiredLeases(Instant.now().plus(Duration.ofMinutes(1)));

        assertEquals(JobStatus.PENDING, store.get(shortLease.id()).status());
        assertEquals(1, store.get(shortLease.id()).releases());
        assertEquals(JobStatus.RUNNING, store.get(longLease.id()).status());
        assertEquals(0, store.get(longLease.id()).releases());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
