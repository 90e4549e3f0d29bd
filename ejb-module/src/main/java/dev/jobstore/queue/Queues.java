package dev.jobstore.queue;

import dev.jobstore.job.JobStatus;
import dev.jobstore.job.QueueName;
import dev.jobstore.job.QueueState;
import dev.jobstore.job.Rows;
import dev.jobstore.security.CallerScope;
import dev.jobstore.security.Roles;
import dev.jobstore.wakeup.Wakeups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/** Pauses and resumes whole queues (admins, recorded in the server log), and counts their jobs. */
@Stateless
public class Queues {

    private static final Logger LOG = Logger.getLogger(Queues.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Wakeups wakeups;

    @Inject
    CallerScope scope;

    @Inject
    QueueDepths depths;

    /** Stops handing out the queue's jobs; they stay as they are. */
    @RolesAllowed(Roles.ADMIN)
    public QueueStats pause(String queue) {
        return setPaused(queue, true);
    }

    @RolesAllowed(Roles.ADMIN)
    public QueueStats resume(String queue) {
        QueueStats stats = setPaused(queue, false);
        wakeups.afterCommit(queue);
        return stats;
    }

    /**
     * Every queue that has jobs or was ever paused, by name (those the caller may use). Read in
     * parts that each use an index of their own on PostgreSQL, never a scan of the table: jobs
     * neither PENDING nor RUNNING (the settled index, V9), then PENDING and RUNNING ones
     * (QueueDepths: the claim index and the lease-expiry index).
     */
    @RolesAllowed({Roles.PRODUCER, Roles.WORKER, Roles.VIEWER, Roles.ADMIN})
    public List<QueueStats> all() {
        Instant now = clock.instant();
        Map<String, Map<JobStatus, Long>> counts = new TreeMap<>();
        for (Object[] row : em.createQuery(
                        // count(*), not count(j): the id is not in the index, and would be read from the table
                        "select j.queue, j.status, count(*) from Job j where j.status not in"
                                + " (dev.jobstore.job.JobStatus.PENDING, dev.jobstore.job.JobStatus.RUNNING)"
                                + " group by j.queue, j.status",
                        Object[].class)
                .getResultList()) {
            countsOf(counts, (String) row[0]).merge((JobStatus) row[1], (Long) row[2], Long::sum);
        }
        Map<String, QueueDepths.Depth> depth = depths.read(now);
        depth.forEach((queue, due) -> {
            // Stored PENDING jobs whose runAt is ahead are reported WAITING (see JobStatus#effective).
            countsOf(counts, queue).merge(JobStatus.WAITING, due.delayed(), Long::sum);
            countsOf(counts, queue).put(JobStatus.PENDING, due.pending());
            countsOf(counts, queue).put(JobStatus.RUNNING, due.running());
        });
        Map<String, Boolean> paused = new TreeMap<>();
        em.createQuery("select q from QueueState q", QueueState.class)
                .getResultStream()
                .forEach(state -> paused.put(state.name(), state.isPaused()));
        paused.keySet().forEach(queue -> countsOf(counts, queue));
        return counts.entrySet().stream()
                .filter(entry -> scope.allows(entry.getKey()))
                .map(entry -> new QueueStats(
                        entry.getKey(),
                        paused.getOrDefault(entry.getKey(), false),
                        withZeros(entry.getValue()),
                        depth.containsKey(entry.getKey())
                                ? depth.get(entry.getKey()).oldestPendingAge(now)
                                : null))
                .toList();
    }

    private QueueStats setPaused(String queue, boolean paused) {
        scope.requireQueue(QueueName.require(queue));
        String who = scope.callerName();
        LOG.info(() -> "Queue " + queue + (paused ? " paused" : " resumed") + " by " + who);
        QueueState state = Rows.find(em, QueueState.class, queue);
        if (state == null) {
            state = new QueueState(queue);
            em.persist(state);
        }
        state.setPaused(paused);
        em.flush();
        return all().stream()
                .filter(stats -> stats.queue().equals(queue))
                .findFirst()
                .orElseThrow();
    }

    private static Map<JobStatus, Long> countsOf(Map<String, Map<JobStatus, Long>> counts, String queue) {
        return counts.computeIfAbsent(queue, name -> new EnumMap<>(JobStatus.class));
    }

    private static Map<JobStatus, Long> withZeros(Map<JobStatus, Long> counts) {
        Map<JobStatus, Long> all = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            all.put(status, counts.getOrDefault(status, 0L));
        }
        return all;
    }
}
