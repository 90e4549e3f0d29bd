package dev.jobstore.lease;

import dev.jobstore.job.Fulfillment;
import dev.jobstore.job.JobStore;
import dev.jobstore.job.JobStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for in-process workers: handlers that finish while a group is being committed
 * join the next group, so concurrent workers share one transaction (and one wait for the
 * commit to reach the disk) instead of paying for one each. Nothing waits for a group to fill:
 * a lone fulfill commits at once. The thread that finds no commit under way commits the
 * waiting groups until its own is done; the others look again every few milliseconds.
 */
@ApplicationScoped
public class GroupedFulfills {

    static final int MAX_GROUP = 100;
    private static final long FOLLOWER_RECHECK_MILLIS = 2;

    @Inject
    JobStore store;

    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committing = new ReentrantLock();

    /**
     * Fulfills {@code lease}'s job with {@code value}, as {@link JobLease#fulfill(JsonValue)}
     * does (a lost lease compromises the handle and throws), in a transaction shared with the
     * fulfills that arrive meanwhile.
     */
    public void fulfill(JobLease lease, JsonValue value) {
        Waiting mine = new Waiting(new Fulfillment(lease.jobId(), lease.token(), value));
        waiting.add(mine);
        // An interrupt (the lease was compromised meanwhile) cannot take the fulfill back once
        // queued: wait for its outcome, then leave the interrupt for the caller to see.
        boolean interrupted = false;
        while (!mine.done.isDone()) {
            if (committing.tryLock()) {
                try {
                    commitUntilDone(mine);
                } finally {
                    committing.unlock();
                }
            } else {
                try {
                    mine.done.get(FOLLOWER_RECHECK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // not done yet (look again), or done with a failure (reported below)
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable failure = failureOf(mine.done);
        if (failure instanceof LeaseLostException lost) {
            lease.compromise();
            throw lost;
        }
        if (failure != null) {
            throw failure instanceof RuntimeException cause ? cause : new IllegalStateException(failure);
        }
    }

    private void commitUntilDone(Waiting mine) {
        while (!mine.done.isDone()) {
            List<Waiting> group = nextGroup();
            if (group.isEmpty()) {
                return; // ours was taken by the committer before us, which is finishing it
            }
            commit(group);
        }
    }

    private void commit(List<Waiting> group) {
        try {
            Map<UUID, JobStoreException> refused = store.fulfillAll(group.stream().map(Waiting::fulfillment).toList());
            for (Waiting each : group) {
                JobStoreException reason = refused.get(each.fulfillment.jobId());
                if (reason == null) {
                    each.done.complete(null);
                } else {
                    each.done.completeExceptionally(reason);
                }
            }
        } catch (RuntimeException e) {
            group.forEach(each -> each.done.completeExceptionally(e));
        }
    }

    private List<Waiting> nextGroup() {
        List<Waiting> group = new ArrayList<>();
        for (Waiting next = waiting.poll(); next != null; next = group.size() < MAX_GROUP ? waiting.poll() : null) {
            group.add(next);
        }
        return group;
    }

    private static Throwable failureOf(CompletableFuture<Void> done) {
        try {
            done.getNow(null);
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    private record Waiting(Fulfillment fulfillment, CompletableFuture<Void> done) {
        Waiting(Fulfillment fulfillment) {
            this(fulfillment, new CompletableFuture<>());
        }
    }
}
