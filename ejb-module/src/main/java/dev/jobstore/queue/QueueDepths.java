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

    private static final Depth EMPTY = new Depth(0, 0, 0, null);

    @PersistenceContext
    EntityManager em;

    /**
     * Per queue with stored PENDING jobs: those claimable at {@code now}, those whose {@code
     * runAt} is still ahead (reported WAITING), and since when the oldest claimable one was due;
     * running: 0. One read of the claim index, which holds {@code run_at} (PostgreSQL V10).
     */
    private Map<String, Depth> pending(Instant now) {
        Map<String, Depth> pending = new TreeMap<>();
        for (Object[] row : em.createQuery(
                        "select j.queue, sum(case when j.runAt <= :now then 1 else 0 end),"
                                + " min(case when j.runAt <= :now then j.runAt else null end), count(*)"
                                + " from Job j where j.status = dev.jobstore.job.JobStatus.PENDING group by j.queue",
                        Object[].class)
                .setParameter("now", now)
                .getResultList()) {
            long claimable = ((Number) row[1]).longValue();
            long delayed = ((Number) row[3]).longValue() - claimable;
            pending.put((String) row[0], new Depth(claimable, delayed, 0, (Instant) row[2]));
        }
        return pending;
    }

    /** Per queue with jobs PENDING or RUNNING: its claimable, delayed and running jobs at {@code now}. */
    public Map<String, Depth> read(Instant now) {
        Map<String, Depth> pending = pending(now);
        Map<String, Long> running = running();
        TreeSet<String> queues = new TreeSet<>(pending.keySet());
        queues.addAll(running.keySet());
        Map<String, Depth> depths = new TreeMap<>();
        for (String queue : queues) {
            Depth due = pending.getOrDefault(queue, EMPTY);
            depths.put(
                    queue, new Depth(due.pending(), due.delayed(), running.getOrDefault(queue, 0L), due.oldestDueAt()));
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

    /**
     * A queue's claimable jobs, its PENDING jobs whose {@code runAt} is ahead ({@code delayed},
     * reported WAITING), its running jobs, and since when the oldest claimable one was due (null
     * if none).
     */
    public record Depth(long pending, long delayed, long running, Instant oldestDueAt) {

        /** How long the oldest claimable job has waited at {@code now}; null when none is claimable. */
        public Duration oldestPendingAge(Instant now) {
            return oldestDueAt == null ? null : Duration.between(oldestDueAt, now);
        }
    }
}
