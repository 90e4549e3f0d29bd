package dev.jobstore.history;

import dev.jobstore.job.MinuteCounts;
import dev.jobstore.queue.QueueDepths;
import dev.jobstore.queue.QueueDepths.Claimable;
import dev.jobstore.storage.JobStorage;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The history's writes, each call one transaction. */
@Stateless
public class HistoryWriter {

    @PersistenceContext
    EntityManager em;

    @Inject
    JobStorage storage;

    @Inject
    QueueDepths depths;

    /** Adds a node's tallies to their minutes. */
    public void add(List<MinuteCounts> counts) {
        counts.forEach(storage::addToHistory);
    }

    /**
     * Samples into {@code minute} the depth of every queue with jobs not yet final; a queue
     * with none gets no sample, which readers take as empty.
     */
    public void sampleDepths(Instant now, Instant minute) {
        Map<String, Claimable> claimable = depths.claimable(now);
        Map<String, Long> running = depths.running();
        Set<String> queues = new HashSet<>(claimable.keySet());
        queues.addAll(running.keySet());
        for (String queue : queues) {
            Claimable due = claimable.get(queue);
            storage.recordDepth(queue, minute, due == null ? 0 : due.count(), running.getOrDefault(queue, 0L));
        }
    }

    /** Deletes the minutes before {@code cutoff}; answers how many rows went. */
    public int prune(Instant cutoff) {
        return em.createQuery("delete from QueueMinute m where m.minute < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }
}
