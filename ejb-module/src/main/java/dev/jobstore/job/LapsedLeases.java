package dev.jobstore.job;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Refuses, without locking a row, the lease tokens that the jobs' committed state already
 * refuses: no such job, or the job is no longer this token's (another holder, or none). A lost
 * lease never gets its job back, so such a refusal stands whatever commits next.
 *
 * <p>Batch writes check so before they lock. Only the current holder of a lease then ever locks
 * its job's row, and two batches naming the same jobs (one holding their current leases, the
 * other lapsed ones, as after a lapse) no longer wait on each other's rows in a cycle.
 */
public final class LapsedLeases {

    private LapsedLeases() {}

    /**
     * The refusals among {@code tokens} (job id to token) at {@code now}, by job id. None of the
     * jobs may be held by the persistence context yet: they are read afresh and let go again, so
     * that a later lock reads them anew.
     */
    public static Map<UUID, JobStoreException> refusals(EntityManager em, Map<UUID, String> tokens, Instant now) {
        Map<UUID, JobStoreException> refused = new HashMap<>();
        if (tokens.isEmpty()) {
            return refused;
        }
        Map<UUID, Job> committed = new HashMap<>();
        List<Job> read = em.createQuery("select j from Job j where j.id in :ids", Job.class)
                .setParameter("ids", tokens.keySet())
                .getResultList();
        for (Job job : read) {
            em.detach(job); // read only: a flush must never write, and so lock, its row
            committed.put(job.id(), job);
        }
        tokens.forEach((id, token) -> {
            Job job = committed.get(id);
            try {
                if (job == null) {
                    throw new JobNotFoundException(id);
                }
                job.requireHolder(token, now);
            } catch (JobStoreException refusal) {
                refused.put(id, refusal);
            }
        });
        return refused;
    }
}
