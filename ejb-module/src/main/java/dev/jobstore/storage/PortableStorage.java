package dev.jobstore.storage;

import dev.jobstore.job.CheckedFulfillment;
import dev.jobstore.job.FinishedBefore;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobIds;
import dev.jobstore.job.JobNotFoundException;
import dev.jobstore.job.JobOrder;
import dev.jobstore.job.JobResult;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobStoreException;
import dev.jobstore.job.JobView;
import dev.jobstore.job.LapsedLeases;
import dev.jobstore.job.Lease;
import dev.jobstore.job.LockHints;
import dev.jobstore.job.MinuteCounts;
import dev.jobstore.job.QueueMinute;
import dev.jobstore.job.Rows;
import dev.jobstore.job.StoredResult;
import dev.jobstore.storage.FulfillOutcome.Fulfilled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The store's storage on JPA alone: the reference implementation of {@link JobStorage}, used on
 * H2 and tested on PostgreSQL too. Claims and sweeps lock their rows with {@code FOR UPDATE
 * SKIP LOCKED} where the database has it. On H2, Hibernate renders a plain {@code FOR UPDATE},
 * which is the right thing there: H2 applies the row limit before skipping locked rows (a
 * second claimer would get nothing while work remains), whereas its blocking {@code FOR
 * UPDATE} re-evaluates the condition once the lock is free and returns the next rows. Claimers
 * queue briefly; none gets a job twice.
 */
@ApplicationScoped
@Typed(PortableStorage.class)
public class PortableStorage implements JobStorage {

    private static final String CLAIMABLE = "select j from Job j where j.queue = :queue and "
            + JobStatus.PENDING.jpql("j")
            + " and not exists (select q from QueueState q where q.name = :queue and q.paused = true)"
            + " order by " + JobOrder.claimsJpql("j");

    // The status is a literal so that PostgreSQL's generic plans use the partial index of RUNNING jobs.
    private static final String EXPIRED_LEASES = """
            select j from Job j
            where j.status = dev.jobstore.job.JobStatus.RUNNING and j.lease.expiresAt <= :now
            order by j.lease.expiresAt""";

    @PersistenceContext
    EntityManager em;

    @Override
    public List<JobView> claim(String queue, String worker, int max, Instant now, Instant expiresAt) {
        List<Job> jobs = em.createQuery(CLAIMABLE, Job.class)
                .setParameter("queue", queue)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint(LockHints.LOCK_TIMEOUT, LockHints.SKIP_LOCKED)
                .setMaxResults(max)
                .getResultList();
        jobs.forEach(job -> job.grantLease(Lease.grant(worker, expiresAt), now));
        em.flush(); // the views must show the versions the grants wrote
        return jobs.stream().map(job -> JobView.granted(job, now)).toList();
    }

    /**
     * Locks only the jobs whose tokens the committed state does not already refuse (see {@link
     * LapsedLeases}): a group of lapsed tokens holds no row that another group's current holder
     * needs. Jobs this transaction holds as entities are judged as it sees them, under the lock.
     */
    @Override
    public FulfillOutcome fulfill(List<CheckedFulfillment> group, Instant now) {
        Predicate<UUID> managed = ManagedJobs.in(em);
        Map<UUID, String> unmanaged = new HashMap<>();
        group.stream()
                .filter(each -> !managed.test(each.jobId()))
                .forEach(each -> unmanaged.put(each.jobId(), each.token()));
        Map<UUID, JobStoreException> refused = LapsedLeases.refusals(em, unmanaged, now);
        Map<UUID, Job> jobs = lockAll(group.stream()
                .map(CheckedFulfillment::jobId)
                .filter(id -> !refused.containsKey(id))
                .toList());
        List<Fulfilled> fulfilled = new ArrayList<>();
        for (CheckedFulfillment each : group) {
            if (refused.containsKey(each.jobId())) {
                continue;
            }
            try {
                Job job = jobs.get(each.jobId());
                if (job == null) {
                    throw new JobNotFoundException(each.jobId());
                }
                fulfilled.add(fulfill(job, each.token(), each.result(), now));
            } catch (JobStoreException e) {
                refused.put(each.jobId(), e);
            }
        }
        return new FulfillOutcome(fulfilled, refused);
    }

    private Fulfilled fulfill(Job job, String token, StoredResult result, Instant now) {
        job.fulfill(token, now); // checks the token before it changes anything
        UUID followUp = job.followUp(JobIds.next(now), now)
                .map(run -> {
                    em.persist(run);
                    return run.id();
                })
                .orElse(null);
        em.persist(new JobResult(job.id(), result.contentType(), result.content()));
        return new Fulfilled(job.id(), job.queue(), result.contentType(), true, true, followUp);
    }

    /** Locks those of {@code ids} that exist in one statement, in id order, so two groups never deadlock. */
    private Map<UUID, Job> lockAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select j from Job j where j.id in :ids order by j.id", Job.class)
                .setParameter("ids", ids)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .collect(Collectors.toMap(Job::id, job -> job));
    }

    @Override
    public void insertPlain(List<Job> jobs, String announce) {
        jobs.forEach(em::persist);
        if (announce != null) {
            announce(announce);
        }
    }

    @Override
    public void announce(String channel) {
        // one node: its own waiters are woken directly
    }

    @Override
    public NodeListener listen(Consumer<String> wake, Runnable wakeAll) {
        return new NodeListener() {
            @Override
            public ListenerState state() {
                return ListenerState.NOT_NEEDED;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public Instant databaseTime() {
        return em.createQuery("select instant", Instant.class).getSingleResult();
    }

    @Override
    public boolean vacuums() {
        return false;
    }

    @Override
    public void vacuumDue(long minDeadRows) {
        // nothing to do: only PostgreSQL with autovacuum off needs it
    }

    @Override
    public List<Job> lockExpiredLeases(Instant now, int limit) {
        return em.createQuery(EXPIRED_LEASES, Job.class)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint(LockHints.LOCK_TIMEOUT, LockHints.SKIP_LOCKED)
                .setMaxResults(limit)
                .getResultList();
    }

    // Two nodes inserting the same minute at once make one of them fail on the key: its
    // counts stay with it and go in at its next flush.
    @Override
    public void addToHistory(MinuteCounts counts) {
        historyRow(counts.queue(), counts.minute()).add(counts);
    }

    @Override
    public void recordDepth(String queue, Instant minute, long pending, long running) {
        historyRow(queue, minute).setDepth(pending, running);
    }

    private QueueMinute historyRow(String queue, Instant minute) {
        QueueMinute row =
                Rows.find(em, QueueMinute.class, new QueueMinute.Key(queue, minute), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new QueueMinute(queue, minute);
            em.persist(row);
        }
        return row;
    }

    @Override
    public List<UUID> prunable(JobStatus status, Instant before, UUID after, int limit) {
        return PruneStatements.prunable(em, status, before, after, limit);
    }

    @Override
    public Set<UUID> lockUnlessBusy(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        // Written out: Hibernate renders H2's lock without SKIP LOCKED (see the class comment),
        // which this lock, having no row limit, does not need to avoid.
        List<UUID> locked = em.createNativeQuery(
                        "select j.id from job j where j.id in (:ids) for update skip locked", UUID.class)
                .setParameter("ids", ids)
                .getResultList();
        return Set.copyOf(locked);
    }

    @Override
    public List<UUID> lockPrunable(List<UUID> ids, FinishedBefore cutoffs) {
        return PruneStatements.lockPrunable(em, ids, cutoffs);
    }

    @Override
    public void delete(List<UUID> ids) {
        PruneStatements.delete(em, ids);
    }
}
