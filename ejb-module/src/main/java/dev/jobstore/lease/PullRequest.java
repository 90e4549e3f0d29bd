package dev.jobstore.lease;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.job.Violations;
import dev.jobstore.wakeup.WaitLength;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Duration;

/**
 * A worker's request for work.
 *
 * @param worker who asks (shown as the lease owner); required
 * @param max    most jobs to lease at once; default 1
 * @param lease  lease length; default {@code jobstore.lease.default}
 * @param waitFor how long to wait for work when there is none (long poll); default none;
 *               {@code wait} in JSON
 */
public record PullRequest(
        String worker,
        Integer max,
        Duration lease,
        @JsonbProperty("wait") Duration waitFor) {

    static final int MAX_WORKER_LENGTH = 200;

    public static PullRequest of(String worker) {
        return new PullRequest(worker, null, null, null);
    }

    public PullRequest withMax(int newMax) {
        return new PullRequest(worker, newMax, lease, waitFor);
    }

    public PullRequest withLease(Duration newLease) {
        return new PullRequest(worker, max, newLease, waitFor);
    }

    public PullRequest withWait(Duration newWait) {
        return new PullRequest(worker, max, lease, newWait);
    }

    public int maxOrDefault() {
        return max == null ? 1 : max;
    }

    public Duration waitOrDefault() {
        return waitFor == null ? Duration.ZERO : waitFor;
    }

    /** Throws {@code InvalidRequestException} naming everything wrong with this request. */
    public void check(JobStoreSettings settings) {
        Violations violations = new Violations();
        violations
                .require(
                        worker != null && !worker.isBlank() && worker.length() <= MAX_WORKER_LENGTH,
                        "worker must be 1 to " + MAX_WORKER_LENGTH + " characters")
                .require(
                        max == null || (max >= 1 && max <= settings.maxBatch()),
                        "max must be between 1 and " + settings.maxBatch() + " (jobstore.pull.max-batch)");
        WaitLength.check(waitFor, settings, violations);
        LeaseLength.check(lease, settings, violations);
        violations.throwIfAny();
    }
}
