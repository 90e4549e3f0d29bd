package dev.jobstore.queue;

import dev.jobstore.job.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * How deep each queue is: its claimable jobs and the oldest of them, and its running jobs. Only
 * non-final jobs are read, so the cost follows the backlog, not the table.
 */
@ApplicationScoped
public class QueueDepths {

    @PersistenceContext
    EntityManager em;

    /** Per queue that has any, the jobs claimable at {@code now}, and since when the oldest was due. */
    public Map<String, Claimable> claimable(Instant now) {
        Map<String, Claimable> claimable = new TreeMap<>();
        for (Object[] row : em.createQuery(
                        "select j.queue, count(j), min(j.runAt) from Job j where " + JobStatus.PENDING.jpql("j")
                                + " group by j.queue",
                        Object[].class)
                .setParameter("now", now)
                .getResultList()) {
            claimable.put((String) row[0], new Claimable((Long) row[1], (Instant) row[2]));
        }
        return claimable;
    }

    /** Per queue with jobs not yet final: its claimable and running jobs at {@code now}. */
    public Map<String, Depth> read(Instant now) {
        Map<String, Depth> depths = new TreeMap<>();
        claimable(now).forEach((queue, due) -> depths.put(queue, new Depth(due.count(), 0, due.oldestDueAt())));
        running()
                .forEach((queue, count) -> depths.merge(
                        queue,
                        new Depth(0, count, null),
                        (due, leased) -> new Depth(due.pending(), count, due.oldestDueAt())));
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

    /** A queue's claimable jobs and when the longest-waiting of them became due. */
    public record Claimable(long count, Instant oldestDueAt) {}

    /** A queue's claimable and running jobs, and since when the oldest claimable one was due (null if none). */
    public record Depth(long pending, long running, Instant oldestDueAt) {}
}
