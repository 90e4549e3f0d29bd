package dev.jobstore.wakeup;

import dev.jobstore.event.AfterCommit;
import dev.jobstore.storage.JobStorage;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashSet;
import java.util.Set;

/**
 * Wakes the long polls of a channel once the current transaction commits: on this node directly,
 * on the others through the database. A queue's name is the channel of its pulls, {@link
 * #finishedChannel} the one of those awaiting the results of its jobs, and the notification
 * channel the one of notifiers' pulls.
 */
@ApplicationScoped
public class Wakeups {

    /** Marks the queues a transaction already claimed for (queue names have no spaces). */
    private static final String CLAIMED_FOR = "claimed-for ";

    @Inject
    AfterCommit afterCommit;

    @Inject
    WorkWaiters waiters;

    @Inject
    JobStorage storage;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Once per channel and transaction: a batch of 1,000 creates wakes its queue once. */
    public void afterCommit(String channel) {
        if (afterCommitAnnouncedByCaller(channel)) {
            storage.announce(channel);
        }
    }

    /**
     * Like {@link #afterCommit}, for a writer whose own statement can carry the announcement to
     * the other nodes ({@code JobStorage#insertPlain}): wakes this node's waiters after the commit,
     * and answers whether the caller must announce (the channel's first wake-up in this transaction).
     */
    public boolean afterCommitAnnouncedByCaller(String channel) {
        if (!firstInTransaction(channel)) {
            return false;
        }
        afterCommit.run(() -> waiters.wake(channel));
        return true;
    }

    /**
     * The current transaction wrote claimable jobs of {@code queue}: an idle pull of this node
     * claims them in this transaction, once per queue and transaction (see {@link
     * WorkWaiters#claimForIdleWaiter}).
     */
    public void claimForIdlePull(String queue) {
        if (firstInTransaction(CLAIMED_FOR + queue)) {
            waiters.claimForIdleWaiter(queue, afterCommit::onCompletion);
        }
    }

    /** A job of {@code queue} reached a final status: its awaited result is ready. */
    public void finished(String queue) {
        afterCommit(finishedChannel(queue));
    }

    /** The channel of those awaiting a result of {@code queue} (queue names have no spaces). */
    public static String finishedChannel(String queue) {
        return "finished " + queue;
    }

    private boolean firstInTransaction(String channel) {
        @SuppressWarnings("unchecked")
        Set<String> woken = (Set<String>) transactions.getResource(Wakeups.class);
        if (woken == null) {
            woken = new HashSet<>();
            transactions.putResource(Wakeups.class, woken);
        }
        return woken.add(channel);
    }
}
