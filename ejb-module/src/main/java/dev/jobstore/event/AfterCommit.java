package dev.jobstore.event;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Defers an action (usually firing an event) until the current transaction has committed, and
 * drops it (or runs another) when the transaction rolls back. Outside a transaction the action
 * runs at once.
 *
 * <p>Events are fired this way rather than through transactional observers so that every
 * observer, however it is declared, only ever hears of committed changes.
 */
@ApplicationScoped
public class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Event<Object> events;

    /** Fires {@code event} to CDI observers once the current transaction has committed. */
    public void fire(Object event) {
        run(() -> events.fire(event));
    }

    /**
     * Runs {@code action} once the current transaction has committed, after the actions
     * registered before it. A transaction has one synchronization for all its actions: the
     * transaction manager does work for each synchronization, and a batch of 1,000 creates
     * would otherwise register 1,000.
     */
    public void run(Runnable action) {
        onCompletion(action, null);
    }

    /**
     * Like {@link #run}, and runs {@code ifRolledBack} instead if the transaction rolls back
     * ({@code null}: nothing). Outside a transaction {@code ifCommitted} runs at once.
     */
    public void onCompletion(Runnable ifCommitted, Runnable ifRolledBack) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            runSafely(ifCommitted);
            return;
        }
        @SuppressWarnings("unchecked")
        List<Completion> actions = (List<Completion>) transactions.getResource(AfterCommit.class);
        if (actions == null) {
            actions = new ArrayList<>();
            transactions.putResource(AfterCommit.class, actions);
            transactions.registerInterposedSynchronization(completing(actions));
        }
        actions.add(new Completion(ifCommitted, ifRolledBack));
    }

    private record Completion(Runnable ifCommitted, Runnable ifRolledBack) {}

    private static Synchronization completing(List<Completion> actions) {
        return new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                boolean committed = status == Status.STATUS_COMMITTED;
                for (Completion action : actions) {
                    Runnable chosen = committed ? action.ifCommitted() : action.ifRolledBack();
                    if (chosen != null) {
                        runSafely(chosen);
                    }
                }
            }
        };
    }

    // The transaction is already over: a failing action must not hide the others.
    private static void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An after-commit action failed", e);
        }
    }
}
