package dev.jobstore.job;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * A position in the listing order (newest first: createdAt, then id) that holds even when the
 * job at it is gone, as a bulk removal needs. Its text form is {@code <createdAt>_<id>}.
 */
public record JobCursor(Instant createdAt, UUID id) {

    public static JobCursor of(JobView job) {
        return new JobCursor(job.createdAt(), job.id());
    }

    public static JobCursor parse(String text) {
        int split = text.lastIndexOf('_');
        try {
            return new JobCursor(Instant.parse(text.substring(0, split)), UUID.fromString(text.substring(split + 1)));
        } catch (DateTimeParseException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidRequestException("'" + text + "' is not a cursor from an earlier answer");
        }
    }

    @Override
    public String toString() {
        return createdAt + "_" + id;
    }
}
