package dev.jobstore.lease;

import dev.jobstore.cluster.ClusterSignals;
import dev.jobstore.event.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    ClusterSignals cluster;

    public void afterCommit(String channel) {
        afterCommit.run(() -> waiters.wake(channel));
        cluster.announce(channel);
    }
}
