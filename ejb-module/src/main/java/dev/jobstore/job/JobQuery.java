package dev.jobstore.job;

import java.util.UUID;

/**
 * A listing request; every component is optional.
 *
 * @param queue  only jobs of this queue
 * @param status only jobs in this status (as reported: WAITING includes delayed jobs)
 * @param key    only the job with this key (unique within a queue)
 * @param text   only jobs whose payload's JSON text contains this, ignoring case
 * @param limit  page size, default 50
 * @param after  the {@code next} cursor of the previous page
 */
public record JobQuery(String queue, JobStatus status, String key, String text, Integer limit, UUID after) {

    static final int DEFAULT_LIMIT = 50;

    public static JobQuery all() {
        return new JobQuery(null, null, null, null, null, null);
    }

    public int limitOrDefault() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }

    /** The same filter, one page of {@code pageLimit} after {@code cursor}. */
    public JobQuery page(int pageLimit, UUID cursor) {
        return new JobQuery(queue, status, key, text, pageLimit, cursor);
    }
}
