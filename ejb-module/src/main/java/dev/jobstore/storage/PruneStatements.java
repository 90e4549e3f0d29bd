package dev.jobstore.storage;

import dev.jobstore.job.FinishedBefore;
import dev.jobstore.job.JobStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The rule of which finished jobs may be pruned, as SQL both databases run: a FULFILLED, FAILED
 * or CANCELLED job past its status's retention, which no job that is not final depends on, and
 * with no notification target still PENDING. And the deletion of a job with everything that
 * hangs off it.
 */
final class PruneStatements {

    private static final String NOT_FINAL = Arrays.stream(JobStatus.values())
            .filter(status -> !status.isFinal())
            .map(status -> "'" + status.name() + "'")
            .collect(Collectors.joining(", "));

    /** Everything keyed by a job's id, children first (job_failure and job_dependency refer to job). */
    private static final List<String> DELETES = List.of(
            "delete from job_log where job_id in (:ids)",
            "delete from job_result where job_id in (:ids)",
            "delete from job_target where job_id in (:ids)",
            "delete from job_notification_lease where job_id in (:ids)",
            "delete from job_failure where job_id in (:ids)",
            "delete from job_dependency where job_id in (:ids)",
            "delete from batch_run where job_id in (:ids)",
            "delete from job where id in (:ids)");

    /** Neither a job that is not final depends on the job, nor is one of its targets still PENDING. */
    private static final String KEPT_NOT = "not exists (select 1 from job_dependency d join job w on w.id = d.job_id"
            + " where d.depends_on = j.id and w.status in (" + NOT_FINAL + "))"
            + " and not exists (select 1 from job_target t where t.job_id = j.id and t.state = 'PENDING')";

    private PruneStatements() {}

    /**
     * Up to {@code limit} prunable jobs of one final {@code status} that finished before {@code
     * before}, the first after {@code after} in id order. The status is a literal so that
     * PostgreSQL's generic plans use the partial index of finished jobs (V13).
     */
    static List<UUID> prunable(EntityManager em, JobStatus status, Instant before, UUID after, int limit) {
        if (!status.isFinal()) {
            throw new IllegalArgumentException(status + " is not final");
        }
        Query query = em.createNativeQuery(
                "select j.id from job j where j.status = '" + status.name() + "' and j.id > :after"
                        + " and j.finished_at < :before and " + KEPT_NOT + " order by j.id",
                UUID.class);
        query.setParameter("after", after).setParameter("before", before).setMaxResults(limit);
        return ids(query);
    }

    /** Locks those of {@code ids} that may still be pruned (a job may have changed since it was read). */
    static List<UUID> lockPrunable(EntityManager em, List<UUID> ids, FinishedBefore cutoffs) {
        if (ids.isEmpty() || cutoffs.byStatus().isEmpty()) {
            return List.of();
        }
        Query query = em.createNativeQuery(
                "select j.id from job j where j.id in (:ids) and " + prunable(cutoffs) + " order by j.id for update",
                UUID.class);
        bind(query, cutoffs).setParameter("ids", ids);
        return ids(query);
    }

    static void delete(EntityManager em, List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        for (String delete : DELETES) {
            em.createNativeQuery(delete).setParameter("ids", ids).executeUpdate();
        }
    }

    private static String prunable(FinishedBefore cutoffs) {
        return cutoffs.byStatus().keySet().stream()
                        .map(status ->
                                "(j.status = '" + status.name() + "' and j.finished_at < :" + parameter(status) + ")")
                        .collect(Collectors.joining(" or ", "(", ")"))
                + " and " + KEPT_NOT;
    }

    private static Query bind(Query query, FinishedBefore cutoffs) {
        for (Map.Entry<JobStatus, Instant> cutoff : cutoffs.byStatus().entrySet()) {
            query.setParameter(parameter(cutoff.getKey()), cutoff.getValue());
        }
        return query;
    }

    private static String parameter(JobStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static List<UUID> ids(Query query) {
        return (List<UUID>) query.getResultList();
    }
}
