package dev.jobstore.job;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

    /** The page after the query's {@code after} job (which must exist). */
    public JobPage page(JobQuery query) {
        JobCursor cursor = null;
        if (query.after() != null) {
            Job after = Rows.find(em, Job.class, query.after());
            if (after == null) {
                throw new InvalidRequestException("after: no job with id " + query.after() + " to continue from");
            }
            cursor = new JobCursor(after.createdAt(), after.id());
        }
        return page(query, cursor);
    }

    /** The page after {@code cursor} ({@code null}: the newest), whatever the query's {@code after}. */
    public JobPage page(JobQuery query, JobCursor cursor) {
        filter(query);
        if (cursor != null) {
            where(
                    "(j.createdAt < :cursorTime or (j.createdAt = :cursorTime and j.id < :cursorId))",
                    "cursorTime",
                    cursor.createdAt());
            parameters.put("cursorId", cursor.id());
        }
        TypedQuery<Job> typed = em.createQuery(
                "select j from Job j" + whereClause() + " order by j.createdAt desc, j.id desc", Job.class);
        parameters.forEach(typed::setParameter);
        int limit = query.limitOrDefault();
        List<Job> jobs = typed.setMaxResults(limit + 1).getResultList();
        List<JobView> items =
                jobs.stream().limit(limit).map(job -> JobView.of(job, now)).toList();
        UUID next = jobs.size() > limit ? items.get(limit - 1).id() : null;
        return new JobPage(items, next);
    }

    /** How many jobs match the query's filter (its limit and cursor aside). */
    public long count(JobQuery query) {
        filter(query);
        // count(*): PostgreSQL may then count from an index that has no id (an index-only scan)
        TypedQuery<Long> typed = em.createQuery("select count(*) from Job j" + whereClause(), Long.class);
        parameters.forEach(typed::setParameter);
        return typed.getSingleResult();
    }

    private void filter(JobQuery query) {
        if (query.queue() != null) {
            where("j.queue = :queue", "queue", query.queue());
        }
        if (query.status() != null) {
            whereStatus(query.status());
        }
        if (query.key() != null) {
            where("j.key = :key", "key", query.key());
        }
        if (query.text() != null) {
            // The payload's JSON text as stored; a scan, bounded by the page's limit when listing.
            where(
                    "lower(cast(j.payload as String)) like :text escape '\\'",
                    "text",
                    LikePattern.containing(query.text().toLowerCase(Locale.ROOT)));
        }
    }

    private String whereClause() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
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
