package dev.jobstore.dependency;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobStatus;
import dev.jobstore.wakeup.Wakeups;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps dependents in step with the jobs they depend on, inside the transaction that finished
 * a job: the last dependency FULFILLED makes a WAITING dependent PENDING; a dependency that
 * ends FAILED or CANCELLED (or is removed) cancels its dependents, and theirs in turn.
 */
@Stateless
public class Dependencies {

    @PersistenceContext
    EntityManager em;

    @Inject
    Wakeups wakeups;

    /** Throws {@link InvalidRequestException} naming the first id that is not a job. */
    public void requireExisting(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<UUID> found = em.createQuery("select j.id from Job j where j.id in :ids", UUID.class)
                .setParameter("ids", ids)
                .getResultList();
        ids.stream().filter(id -> !found.contains(id)).findFirst().ifPresent(missing -> {
            throw new InvalidRequestException("dependsOn: no job with id " + missing);
        });
    }

    /** The first dependency that ended FAILED or CANCELLED, as a cancel reason, if any. */
    public String brokenDependency(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return null;
        }
        return em.createQuery("select j from Job j where j.id in :ids and j.status in :broken order by j.id", Job.class)
                .setParameter("ids", ids)
                .setParameter("broken", List.of(JobStatus.FAILED, JobStatus.CANCELLED))
                .setMaxResults(1)
                .getResultStream()
                .map(job -> "dependency " + job.id() + " is " + job.storedStatus())
                .findFirst()
                .orElse(null);
    }

    /**
     * The jobs of {@code ids} were just fulfilled (by their entities, or by a statement that
     * bypassed them): as {@link #finished} for each, with one look for dependents.
     */
    public void fulfilled(List<UUID> ids, Instant now) {
        Set<UUID> parents = withDependents(ids);
        if (!parents.isEmpty()) {
            openDependents(parents).forEach(dependent -> freeIfReady(dependent, now));
        }
    }

    /**
     * Which of {@code ids} some job depends on: one look at the dependency index. The finish of
     * almost every job passes here, so the look does not flush this transaction's changes first
     * (they cannot change who depends on whom), and it is plain SQL with one array parameter:
     * Hibernate translates a query with a list parameter anew for each list length.
     */
    private Set<UUID> withDependents(Collection<UUID> ids) {
        @SuppressWarnings("unchecked")
        List<UUID> found = em.createNativeQuery(
                        "select distinct depends_on from job_dependency where depends_on = any(:ids)", UUID.class)
                .setParameter("ids", ids.toArray(UUID[]::new))
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList();
        return Set.copyOf(found);
    }

    /** The jobs that depend on job {@code id}, oldest first. */
    public List<UUID> dependentsOf(UUID id) {
        return em.createQuery(
                        "select j.id from Job j join j.dependsOn d where d = :id order by j.createdAt, j.id",
                        UUID.class)
                .setParameter("id", id)
                .getResultList();
    }

    /** Whether every one of {@code ids} is FULFILLED. */
    public boolean allFulfilled(Collection<UUID> ids) {
        return ids.isEmpty()
                || em.createQuery(
                                        "select count(j) from Job j where j.id in :ids and j.status <> :fulfilled",
                                        Long.class)
                                .setParameter("ids", ids)
                                .setParameter("fulfilled", JobStatus.FULFILLED)
                                .getSingleResult()
                        == 0;
    }

    /**
     * {@code job} just reached a final status (or is about to be removed, {@code why} says so):
     * those awaiting its result are woken, its dependents freed or cancelled.
     */
    public void finished(Job job, String why, Instant now) {
        wakeups.finished(job.queue());
        if (!withDependents(List.of(job.id())).isEmpty()) {
            settleDependents(job, why, now);
        }
    }

    /** Frees or cancels the open dependents of {@code job}, known to have some. */
    private void settleDependents(Job job, String why, Instant now) {
        for (Job dependent : openDependents(List.of(job.id()))) {
            if (why == null && job.storedStatus() == JobStatus.FULFILLED) {
                freeIfReady(dependent, now);
            } else {
                dependent.cancel(why != null ? why : "dependency " + job.id() + " is " + job.storedStatus(), now);
                finished(dependent, null, now);
            }
        }
    }

    /**
     * The WAITING and PAUSED jobs that depend on any of {@code parents}, locked in id order. The
     * lock comes before {@link #allFulfilled} looks at their other parents: two transactions that
     * each fulfill one of a dependent's last two parents would otherwise each see the other's
     * parent unfinished, and neither would free it. With the lock, the second waits for the
     * first to commit, and then sees both.
     */
    private List<Job> openDependents(Collection<UUID> parents) {
        return em.createQuery(
                        "select j from Job j where j.status in :open and j.id in "
                                + "(select d.id from Job d join d.dependsOn parent where parent in :parents) "
                                + "order by j.id",
                        Job.class)
                .setParameter("parents", parents)
                .setParameter("open", List.of(JobStatus.WAITING, JobStatus.PAUSED))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** A WAITING dependent whose parents are all FULFILLED becomes PENDING. */
    private void freeIfReady(Job dependent, Instant now) {
        if (dependent.storedStatus() == JobStatus.WAITING && allFulfilled(dependent.dependsOn())) {
            dependent.dependenciesFulfilled(now);
            wakeups.afterCommit(dependent.queue());
        }
    }
}
