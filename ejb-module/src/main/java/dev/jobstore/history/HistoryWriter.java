package dev.jobstore.history;

import dev.jobstore.job.MinuteCounts;
import dev.jobstore.queue.QueueDepths.Depth;
import dev.jobstore.storage.JobStorage;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The history's writes, each call one transaction. */
@Stateless
public class HistoryWriter {

    @PersistenceContext
    EntityManager em;

    @Inject
    JobStorage storage;

    /** Adds a node's tallies to their minutes. */
    public void add(List<MinuteCounts> counts) {
        counts.forEach(storage::addToHistory);
    }

    /** Records each queue's depth into {@code minute} (the last sample of a minute wins). */
    public void recordDepths(Map<String, Depth> depths, Instant minute) {
        depths.forEach((queue, depth) -> storage.recordDepth(queue, minute, depth.pending(), depth.running()));
    }

    /** Deletes the minutes before {@code cutoff}; answers how many rows went. */
    public int prune(Instant cutoff) {
        return em.createQuery("delete from QueueMinute m where m.minute < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }
}
