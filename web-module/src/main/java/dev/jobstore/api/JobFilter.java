package dev.jobstore.api;

import dev.jobstore.job.JobQuery;
import dev.jobstore.job.JobStatus;
import java.util.UUID;

/**
 * A listing filter as the API takes it, in query parameters or in a bulk request's body; an
 * absent or empty field filters nothing.
 *
 * @param text a piece of the payload's JSON text, matched ignoring case
 */
public record JobFilter(String queue, String status, String key, String text) {

    JobQuery toQuery(Integer limit, UUID after) {
        return new JobQuery(
                blankToNull(queue),
                blankToNull(status) == null ? null : JobStatus.parse(status),
                blankToNull(key),
                blankToNull(text),
                limit,
                after);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
