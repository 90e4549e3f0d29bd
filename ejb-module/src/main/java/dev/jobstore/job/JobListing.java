package dev.jobstore.job;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the listing query: newest first, optional filters, keyset paging on (createdAt, id). */
public final class JobListing {

    private final EntityManager em;
    private final Instant now;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new HashMap<>();

    public JobListing(EntityManager em, Instant now) {
        this.em = em;
        this.now = now;
    }

    /**
     * Lists only jobs of queues that match one of {@code likePatterns} (SQL {@code LIKE}
     * patterns with {@code \\} as escape); no patterns, no restriction.
     */
    public JobListing withinQueues(List<String> likePatterns) {
        if (!likePatterns.isEmpty()) {
            List<String> alternatives = new ArrayList<>();
            for (int i = 0; i < likePatterns.size(); i++) {
                alternatives.add("j.queue like :scope" + i + " escape '\\'");
                parameters.put("scope" + i, likePatterns.get(i));
            }
            conditions.add("(" + String.join(" or ", alternatives) + ")");
        }
        return this;
    }

    public JobPage page(JobQuery query) {
        if (query.queue() != null) {
            where("j.queue = :queue", "queue", query.queue());
        }
        if (query.status() != null) {
            whereStatus(query.status());
        }
        if (query.after() != null) {
            Job cursor = em.find(Job.class, query.after());
            if (cursor == null) {
                throw new InvalidRequestException("after: no job with id " + query.after() + " to continue from");
            }
            where(
                    "(j.createdAt < :cursorTime or (j.createdAt = :cursorTime and j.id < :cursorId))",
                    "cursorTime",
                    cursor.createdAt());
            parameters.put("cursorId", cursor.id());
        }
        String jpql = "select j from Job j" + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                + " order by j.createdAt desc, j.id desc";
        TypedQuery<Job> typed = em.createQuery(jpql, Job.class);
        parameters.forEach(typed::setParameter);
        int limit = query.limitOrDefault();
        List<Job> jobs = typed.setMaxResults(limit + 1).getResultList();
        List<JobView> items =
                jobs.stream().limit(limit).map(job -> JobView.of(job, now)).toList();
        UUID next = jobs.size() > limit ? items.get(limit - 1).id() : null;
        return new JobPage(items, next);
    }

    private void whereStatus(JobStatus status) {
        conditions.add(status.jpql("j"));
        if (status.dependsOnTime()) {
            parameters.put("now", now);
        }
    }

    private void where(String condition, String parameter, Object value) {
        conditions.add(condition);
        parameters.put(parameter, value);
    }
}
