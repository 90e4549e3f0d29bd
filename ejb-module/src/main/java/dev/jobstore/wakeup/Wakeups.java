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
 * Wakes waiting pulls of a channel (a queue, or the notification channel) once the current
 * transaction commits: on this node directly, on the others through the database.
 */
@ApplicationScoped
public class Wakeups {

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
        if (firstInTransaction(channel)) {
            afterCommit.run(() -> waiters.wake(channel));
            storage.announce(channel);
        }
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
