package dev.jobstore.history;

import dev.jobstore.event.JobCreated;
import dev.jobstore.event.JobFailed;
import dev.jobstore.event.JobFulfilled;
import dev.jobstore.job.MinuteCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node saw since its last flush, by queue and minute, from the store's after-commit
 * events. Minutes are the database-aligned clock's, so every node's counts fall in the same one.
 */
@ApplicationScoped
public class MinuteTally {

    @Inject
    Clock clock;

    private final Map<Key, MinuteCounts> counts = new ConcurrentHashMap<>();

    void created(@Observes JobCreated event) {
        add(event.queue(), 1, 0, 0);
    }

    void fulfilled(@Observes JobFulfilled event) {
        add(event.queue(), 0, 1, 0);
    }

    void failed(@Observes JobFailed event) {
        add(event.queue(), 0, 0, 1);
    }

    /** Takes every count tallied so far; later events start new ones. */
    List<MinuteCounts> drain() {
        List<MinuteCounts> drained = new ArrayList<>();
        for (Key key : counts.keySet()) {
            MinuteCounts taken = counts.remove(key); // atomic: an event after this starts a new entry
            if (taken != null) {
                drained.add(taken);
            }
        }
        return drained;
    }

    /** Puts back counts whose flush failed, to go with the next one. */
    void restore(List<MinuteCounts> unflushed) {
        unflushed.forEach(each -> counts.merge(new Key(each.queue(), each.minute()), each, MinuteCounts::plus));
    }

    private void add(String queue, long created, long fulfilled, long failed) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        counts.merge(
                new Key(queue, minute),
                new MinuteCounts(queue, minute, created, fulfilled, failed),
                MinuteCounts::plus);
    }

    private record Key(String queue, Instant minute) {}
}
