package dev.jobstore.store;

import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.LeaseView;
import dev.jobstore.lease.CompromiseSignal;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lease handles on made-up jobs for container-free tests, over a store that only records what
 * the holders called (heartbeat, release, fail). A compromised handle runs its callbacks on the
 * thread that found out.
 */
public final class TestLeases {

    private final List<UUID> heartbeats = new CopyOnWriteArrayList<>();
    private final List<UUID> releases = new CopyOnWriteArrayList<>();
    private final List<UUID> failures = new CopyOnWriteArrayList<>();

    private final JobStore store = new JobStore() {
        @Override
        public Instant heartbeat(UUID id, String token, Duration length) {
            heartbeats.add(id);
            return Instant.EPOCH.plus(length);
        }

        @Override
        public void release(UUID id, String token) {
            releases.add(id);
        }

        @Override
        public JobView fail(UUID id, String token, String error, boolean retry) {
            failures.add(id);
            return null;
        }
    };

    /** A job of {@code queue} as the pull that leased it sees it, with {@code payload} and a fresh token. */
    public static JobView granted(String queue, String payload) {
        Instant now = Instant.EPOCH;
        return new JobView(
                UUID.randomUUID(),
                queue,
                null,
                Json.createValue(payload),
                JobStatus.RUNNING,
                null,
                0,
                now,
                1,
                3,
                null,
                0,
                null,
                null,
                null,
                null,
                List.of(),
                new LeaseView("test", UUID.randomUUID().toString(), 1, now.plusSeconds(30)),
                null,
                null,
                null,
                1,
                now,
                now,
                null);
    }

    /** The holder's handle on {@code granted}. */
    public JobLease open(JobView granted) {
        return new JobLease(store, null, new CompromiseSignal(Runnable::run, () -> {}), granted);
    }

    /** A handle on a new job of {@code queue}. */
    public JobLease lease(String queue, String payload) {
        return open(granted(queue, payload));
    }

    /** Jobs whose lease was extended, once per heartbeat. */
    public List<UUID> heartbeats() {
        return heartbeats;
    }

    /** Jobs given back without a result. */
    public List<UUID> releases() {
        return releases;
    }

    /** Jobs whose attempt was reported failed. */
    public List<UUID> failures() {
        return failures;
    }
}
