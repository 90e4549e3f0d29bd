package dev.jobstore.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Job newJob(NewJob request) {
        return Job.create(UUID.randomUUID(), "q", request, null, T0, true);
    }

    private static Job runningJob(NewJob request, Lease lease) {
        Job job = newJob(request);
        job.grantLease(lease, T0);
        return job;
    }

    private static Lease leaseUntil(Instant expiry) {
        return Lease.grant("worker-1", expiry);
    }

    @Test
    void new_job_is_pending_with_defaults() {
        Job job = newJob(NewJob.of(Json.createValue("x")));
        assertEquals(JobStatus.PENDING, job.status(T0));
        assertEquals(0, job.priority());
        assertEquals(3, job.maxAttempts());
        assertEquals(Backoff.DEFAULT, job.backoff());
        assertEquals(T0, job.runAt());
    }

    @Test
    void delayed_job_reads_waiting_until_its_run_at_and_cannot_be_leased_before() {
        Job job = newJob(NewJob.of(Json.createValue(1)).withDelay(Duration.ofMinutes(5)));
        assertEquals(JobStatus.WAITING, job.status(T0));
        assertThrows(IllegalStateException.class, () -> job.grantLease(leaseUntil(T0.plusSeconds(30)), T0));
        assertEquals(JobStatus.PENDING, job.status(T0.plus(Duration.ofMinutes(5))));
    }

    @Test
    void granting_a_lease_runs_the_job_and_counts_the_attempt() {
        Lease lease = leaseUntil(T0.plusSeconds(30));
        Job job = runningJob(NewJob.of(null), lease);
        assertEquals(JobStatus.RUNNING, job.status(T0));
        assertEquals(1, job.attempts());
        assertEquals("worker-1", job.lease().owner());
        assertThrows(IllegalStateException.class, () -> job.grantLease(leaseUntil(T0.plusSeconds(30)), T0));
    }

    @Test
    void fulfill_with_the_current_token_finishes_the_job() {
        Lease lease = leaseUntil(T0.plusSeconds(30));
        Job job = runningJob(NewJob.of(null), lease);
        job.fulfill(lease.token(), T0.plusSeconds(1));
        assertEquals(JobStatus.FULFILLED, job.status(T0.plusSeconds(1)));
        assertEquals(T0.plusSeconds(1), job.finishedAt());
        assertNull(job.lease());
    }

    @Test
    void a_wrong_token_is_refused_and_changes_nothing() {
        Lease lease = leaseUntil(T0.plusSeconds(30));
        Job job = runningJob(NewJob.of(null), lease);
        LeaseLostException lost = assertThrows(LeaseLostException.class, () -> job.fulfill("not-the-token", T0));
        assertTrue(lost.getMessage().contains("not the job's current lease"), lost.getMessage());
        assertThrows(LeaseLostException.class, () -> job.fulfill(null, T0));
        assertEquals(JobStatus.RUNNING, job.status(T0));
        assertEquals(lease.token(), job.lease().token());
    }

    @Test
    void an_expired_lease_is_refused_even_before_the_sweep() {
        Lease lease = leaseUntil(T0.plusSeconds(30));
        Job job = runningJob(NewJob.of(null), lease);
        LeaseLostException lost =
                assertThrows(LeaseLostException.class, () -> job.fulfill(lease.token(), T0.plusSeconds(30)));
        assertTrue(lost.getMessage().contains("expired"), lost.getMessage());
    }

    @Test
    void a_finished_job_refuses_its_old_holder() {
        Lease lease = leaseUntil(T0.plusSeconds(30));
        Job job = runningJob(NewJob.of(null), lease);
        job.fulfill(lease.token(), T0);
        assertThrows(LeaseLostException.class, () -> job.fulfill(lease.token(), T0));
        assertThrows(LeaseLostException.class, () -> job.heartbeat(lease.token(), T0.plusSeconds(60), T0));
    }

    @Test
    void heartbeat_extends_the_same_lease() {
        Lease lease = leaseUntil(T0.plusSeconds(30));
        Job job = runningJob(NewJob.of(null), lease);
        job.heartbeat(lease.token(), T0.plusSeconds(90), T0.plusSeconds(20));
        assertEquals(T0.plusSeconds(90), job.lease().expiresAt());
        assertEquals(lease.token(), job.lease().token());
        job.fulfill(lease.token(), T0.plusSeconds(60));
        assertEquals(JobStatus.FULFILLED, job.status(T0.plusSeconds(60)));
    }

    @Test
    void release_returns_the_job_and_gives_the_attempt_back() {
        Lease lease = leaseUntil(T0.plusSeconds(30));
        Job job = runningJob(NewJob.of(null), lease);
        job.release(lease.token(), T0.plusSeconds(2));
        assertEquals(JobStatus.PENDING, job.status(T0.plusSeconds(2)));
        assertEquals(0, job.attempts());
        assertEquals(1, job.releases());
        assertNull(job.lease());
    }

    @Test
    void failure_waits_out_the_backoff_then_fails_for_good_when_attempts_run_out() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), 3.0, Duration.ofMinutes(10));
        Job job = newJob(NewJob.of(null).withMaxAttempts(2).withBackoff(backoff));

        Lease first = leaseUntil(T0.plusSeconds(30));
        job.grantLease(first, T0);
        Instant retryAt = job.fail(first.token(), "boom 1", true, T0.plusSeconds(1));
        assertEquals(T0.plusSeconds(11), retryAt);
        assertEquals(JobStatus.WAITING, job.status(T0.plusSeconds(5)));
        assertEquals(JobStatus.PENDING, job.status(retryAt));

        Lease second = leaseUntil(retryAt.plusSeconds(30));
        job.grantLease(second, retryAt);
        assertNull(job.fail(second.token(), "boom 2", true, retryAt.plusSeconds(1)));
        assertEquals(JobStatus.FAILED, job.status(retryAt.plusSeconds(1)));
        assertEquals(2, job.failures().size());
        assertEquals("boom 1", job.failures().get(0).getError());
        assertEquals(2, job.failures().get(1).getAttempt());
    }

    @Test
    void failure_without_retry_fails_at_once() {
        Lease lease = leaseUntil(T0.plusSeconds(30));
        Job job = runningJob(NewJob.of(null), lease);
        assertNull(job.fail(lease.token(), "bad input", false, T0));
        assertEquals(JobStatus.FAILED, job.status(T0));
    }

    @Test
    void very_long_errors_are_cut() {
        Lease lease = leaseUntil(T0.plusSeconds(30));
        Job job = runningJob(NewJob.of(null), lease);
        job.fail(lease.token(), "x".repeat(100_000), false, T0);
        assertEquals(Failure.MAX_ERROR_LENGTH, job.failures().get(0).getError().length());
    }

    @Test
    void expired_lease_returns_the_job_and_uses_up_its_attempt() {
        Lease lease = leaseUntil(T0.plusSeconds(30));
        Job job = runningJob(NewJob.of(null), lease);
        assertTrue(job.hasExpiredLease(T0.plusSeconds(30)));
        job.expireLease(T0.plusSeconds(31));
        assertEquals(JobStatus.PENDING, job.status(T0.plusSeconds(31)));
        assertEquals(1, job.attempts());
        assertEquals(1, job.releases());
    }

    @Test
    void expired_lease_on_the_last_attempt_fails_the_job() {
        Lease lease = leaseUntil(T0.plusSeconds(30));
        Job job = runningJob(NewJob.of(null).withMaxAttempts(1), lease);
        job.expireLease(T0.plusSeconds(31));
        assertEquals(JobStatus.FAILED, job.status(T0.plusSeconds(31)));
        assertEquals("lease expired", job.failures().get(0).getError());
        assertEquals(1, job.releases());
    }

    @Test
    void a_live_lease_cannot_be_expired() {
        Lease lease = leaseUntil(T0.plusSeconds(30));
        Job job = runningJob(NewJob.of(null), lease);
        assertThrows(IllegalStateException.class, () -> job.expireLease(T0.plusSeconds(29)));
    }

    @Test
    void control_transitions_follow_the_state_machine() {
        Job job = newJob(NewJob.of(null));
        job.pause(T0);
        assertEquals(JobStatus.PAUSED, job.status(T0));
        assertThrows(
                IllegalStateException.class,
                () -> job.grantLease(leaseUntil(T0.plusSeconds(30)), T0),
                "a paused job was claimable");
        job.resume(false, T0);
        assertEquals(JobStatus.WAITING, job.status(T0), "resumed with unfinished dependencies");
        job.dependenciesFulfilled(T0);
        assertEquals(JobStatus.PENDING, job.status(T0));
        assertThrows(TransitionNotAllowedException.class, () -> job.restart(T0));
        assertThrows(TransitionNotAllowedException.class, () -> job.rerunRequest(T0));

        Lease lease = leaseUntil(T0.plusSeconds(30));
        job.grantLease(lease, T0);
        assertThrows(TransitionNotAllowedException.class, () -> job.pause(T0));
        assertThrows(TransitionNotAllowedException.class, () -> job.requireRemovable(false, T0));
        assertEquals(lease.token(), job.requireRemovable(true, T0));
        assertEquals(lease.token(), job.cancel("no longer needed", T0), "cancel must name the lease it takes");
        assertEquals(JobStatus.CANCELLED, job.status(T0));
        assertEquals("no longer needed", job.reason());
        assertThrows(TransitionNotAllowedException.class, () -> job.cancel("again", T0));

        job.restart(T0.plusSeconds(1));
        assertEquals(JobStatus.PENDING, job.status(T0.plusSeconds(1)));
        assertEquals(0, job.attempts());
        assertNull(job.reason());
    }

    @Test
    void a_repeating_job_has_follow_ups_until_its_times_are_used() {
        Job first = newJob(NewJob.of(null).withRepeat(Repeat.every(Duration.ofMinutes(5), 2)));
        Job second = first.followUp(UUID.randomUUID(), T0).orElseThrow();
        assertEquals(T0.plus(Duration.ofMinutes(5)), second.runAt());
        assertEquals(2, second.repeatRun());
        assertTrue(second.followUp(UUID.randomUUID(), T0).isEmpty(), "ran more than times");
        assertTrue(newJob(NewJob.of(null)).followUp(UUID.randomUUID(), T0).isEmpty());
    }
}
