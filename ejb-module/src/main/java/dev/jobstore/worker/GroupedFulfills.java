package dev.jobstore.worker;

import dev.jobstore.job.Fulfillment;
import dev.jobstore.job.JobStoreException;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import dev.jobstore.store.SystemIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for in-process workers, off the handlers' threads: a handler hands over its
 * value and goes on to its next job, while one committer on the managed executor fulfills
 * whatever has arrived, as many jobs per transaction as have finished since its last commit.
 * Nothing waits for a group to fill: a lone fulfill commits at once. Each job is still fenced
 * by its own token (see {@link JobStore#fulfillAll}); a lease found lost compromises its handle.
 *
 * <p>While the server suspends or stops, the executor refuses the committer and the handler's
 * own thread commits instead.
 *
 * <p>When the committer falls behind by more than two full groups, handlers wait for their own
 * fulfill, so leased work cannot pile up without bound.
 */
@ApplicationScoped
public class GroupedFulfills {

    static final int MAX_GROUP = 200;
    private static final int MAX_WAITING = 2 * MAX_GROUP;
    private static final Logger LOG = Logger.getLogger(GroupedFulfills.class.getName());

    @Inject
    JobStore store;

    @Inject
    SystemIdentity system;

    @Resource
    ManagedExecutorService executor;

    /** The group fulfill and where the committer runs: the store and the managed executor, or a test's. */
    private Function<List<Fulfillment>, Map<UUID, JobStoreException>> fulfillAll;

    private Executor committer;

    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicBoolean committing = new AtomicBoolean();

    public GroupedFulfills() {
        // for CDI: the collaborators are injected, then wired by init()
    }

    /** Group commits through {@code fulfillAll}, with the committer on {@code committer} (tests). */
    GroupedFulfills(Function<List<Fulfillment>, Map<UUID, JobStoreException>> fulfillAll, Executor committer) {
        this.fulfillAll = fulfillAll;
        this.committer = committer;
    }

    @PostConstruct
    void init() {
        fulfillAll = group -> system.call(() -> store.fulfillAll(group));
        committer = executor;
    }

    /**
     * Fulfills {@code lease}'s job with {@code value} in the next group. The stage completes
     * once the group has committed, exceptionally if it did not; a lost lease also compromises
     * the handle. A failure other than a lost lease (the database is down) leaves the job to
     * its lease, which runs out and puts it back in the pool.
     */
    public CompletableFuture<Void> fulfill(JobLease lease, JsonValue value) {
        Waiting mine = new Waiting(Fulfillment.json(lease.jobId(), lease.token(), value));
        CompletableFuture<Void> outcome = mine.done.whenComplete((ignored, failure) -> {
            if (failure instanceof LeaseLostException) {
                lease.compromise();
            } else if (failure != null) {
                LOG.log(
                        Level.WARNING,
                        "Could not fulfill job " + lease.jobId() + "; it runs again when its lease ends",
                        failure);
            }
        });
        waiting.add(mine);
        boolean behind = waitingCount.incrementAndGet() > MAX_WAITING;
        startCommitter();
        if (behind) {
            outcome.exceptionally(failure -> null).join();
        }
        return outcome;
    }

    private void startCommitter() {
        if (!waiting.isEmpty() && committing.compareAndSet(false, true)) {
            try {
                committer.execute(this::commitAll);
            } catch (RuntimeException e) {
                // The server is suspending (SIGTERM) or stopping: its executor takes no new task
                // (RejectedExecutionException), but this handler's thread still runs, so it commits
                // here; else the finished jobs would wait out their leases.
                commitAll();
            }
        }
    }

    private void commitAll() {
        try {
            for (List<Waiting> group = nextGroup(); !group.isEmpty(); group = nextGroup()) {
                commit(group);
            }
        } finally {
            committing.set(false);
        }
        startCommitter(); // a fulfill that came after the last look, while this still held the flag
    }

    private void commit(List<Waiting> group) {
        try {
            Map<UUID, JobStoreException> refused =
                    fulfillAll.apply(group.stream().map(Waiting::fulfillment).toList());
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
        waitingCount.addAndGet(-group.size());
        return group;
    }

    private record Waiting(Fulfillment fulfillment, CompletableFuture<Void> done) {
        Waiting(Fulfillment fulfillment) {
            this(fulfillment, new CompletableFuture<>());
        }
    }
}
