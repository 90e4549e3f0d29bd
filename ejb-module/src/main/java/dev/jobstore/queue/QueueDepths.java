package dev.jobstore.queue;

import dev.jobstore.job.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How deep each queue is: its claimable jobs and the oldest of them, and its running jobs. Only
 * non-final jobs are read, so the cost follows the backlog, not the table.
 */
@ApplicationScoped
public class QueueDepths {

    private static final Depth EMPTY = new Depth(0, 0, null);

    @PersistenceContext
    EntityManager em;

    /** Per queue that has any, the jobs claimable at {@code now} and since when the oldest was due (running: 0). */
    public Map<String, Depth> claimable(Instant now) {
        Map<String, Depth> claimable = new TreeMap<>();
        for (Object[] row : em.createQuery(
                        "select j.queue, count(j), min(j.runAt) from Job j where " + JobStatus.PENDING.jpql("j")
                                + " group by j.queue",
                        Object[].class)
                .setParameter("now", now)
                .getResultList()) {
            claimable.put((String) row[0], new Depth((Long) row[1], 0, (Instant) row[2]));
        }
        return claimable;
    }

    /** Per queue with jobs not yet final: its claimable and running jobs at {@code now}. */
    public Map<String, Depth> read(Instant now) {
        Map<String, Depth> claimable = claimable(now);
        Map<String, Long> running = running();
        TreeSet<String> queues = new TreeSet<>(claimable.keySet());
        queues.addAll(running.keySet());
        Map<String, Depth> depths = new TreeMap<>();
        for (String queue : queues) {
            Depth due = claimable.getOrDefault(queue, EMPTY);
            depths.put(queue, new Depth(due.pending(), running.getOrDefault(queue, 0L), due.oldestDueAt()));
        }
        return depths;
    }

    private Map<String, Long> running() {
        Map<String, Long> running = new TreeMap<>();
        em.createQuery("select j.queue, count(j) from Job j where j.status = :running group by j.queue", Object[].class)
                .setParameter("running", JobStatus.RUNNING)
                .getResultStream()
                .forEach(row -> running.put((String) row[0], (Long) row[1]));
        return running;
    }

    /** A queue's claimable and running jobs, and since when the oldest claimable one was due (null if none). */
    public record Depth(long pending, long running, Instant oldestDueAt) {

        /** How long the oldest claimable job has waited at {@code now}; null when none is claimable. */
        public Duration oldestPendingAge(Instant now) {
            return oldestDueAt == null ? null : Duration.between(oldestDueAt, now);
        }
    }
}
