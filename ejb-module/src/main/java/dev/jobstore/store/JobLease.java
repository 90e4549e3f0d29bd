package dev.jobstore.store;

import dev.jobstore.job.JobView;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.lease.CompromiseSignal;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An in-process worker's handle on one leased job. Every call carries the lease token. When the
 * lease is lost (it expired and was swept, or a call found it gone) the handle is compromised:
 * its {@link #onCompromised} callbacks run once, on the server's managed executor, and every
 * later call throws {@link LeaseLostException}.
 */
public final class JobLease {

    private final JobStore store;
    private final SystemIdentity system; // null: calls run with the calling thread's identity
    private final CompromiseSignal compromise;
    private final JobView job;
    private final String token;
    private volatile Instant expiresAt;

    JobLease(JobStore store, SystemIdentity system, CompromiseSignal compromise, JobView granted) {
        this.store = store;
        this.system = system;
        this.compromise = compromise;
        this.job = granted;
        this.token = granted.lease().token();
        this.expiresAt = granted.lease().expiresAt();
    }

    /** The job as it was when the lease was granted. */
    public JobView job() {
        return job;
    }

    public UUID jobId() {
        return job.id();
    }

    public JsonValue payload() {
        return job.payload();
    }

    public String token() {
        return token;
    }

    /**
     * This grant's fencing number: every lease of the job has a larger one. Pass it with writes
     * to other systems, which refuse a fence lower than the highest they have seen.
     */
    public long fence() {
        return job.lease().fence();
    }

    /** When the lease runs out unless extended by {@link #heartbeat()}. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Runs {@code callback} once when the lease is lost (at once if it already is). */
    public JobLease onCompromised(Runnable callback) {
        compromise.onCompromised(callback);
        return this;
    }

    public boolean isCompromised() {
        return compromise.hasFired();
    }

    /** Extends the lease by the default length. */
    public Instant heartbeat() {
        return heartbeat(null);
    }

    /** Extends the lease to now + {@code length}. */
    public Instant heartbeat(Duration length) {
        expiresAt = fenced(() -> store.heartbeat(job.id(), token, length));
        return expiresAt;
    }

    /** Fulfills the job with a JSON value (stored as {@code application/json}). */
    public JobView fulfill(JsonValue value) {
        return fenced(() -> store.fulfill(job.id(), token, value));
    }

    /** Fulfills the job with bytes of the given content type. */
    public JobView fulfill(byte[] value, String contentType) {
        return fenced(() -> store.fulfill(job.id(), token, value, contentType));
    }

    /** Reports a failed attempt; the job is retried after its backoff while attempts remain. */
    public JobView fail(String error) {
        return fail(error, true);
    }

    /** Reports a failed attempt; {@code retry = false} fails the job for good. */
    public JobView fail(String error, boolean retry) {
        return fenced(() -> store.fail(job.id(), token, error, retry));
    }

    /** Reports how far the work got ({@code completed} of {@code total}), for callers to see. */
    public JobView progress(long completed, long total) {
        return fenced(() -> store.progress(job.id(), token, completed, total));
    }

    /** Gives the job back to the pool without a result; the attempt is not counted. */
    public void release() {
        fenced(() -> {
            store.release(job.id(), token);
            return null;
        });
    }

    private <T> T fenced(Supplier<T> call) {
        try {
            return system == null ? call.get() : system.call(call);
        } catch (LeaseLostException e) {
            compromise(); // found out here, maybe before (or on another node than) the sweep
            throw e;
        }
    }

    /** Marks the lease lost and runs the callbacks, once: for a holder that learns of it elsewhere (a group commit). */
    public void compromise() {
        compromise.fire();
    }
}
