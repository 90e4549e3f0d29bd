package dev.jobstore.retention;

import dev.jobstore.job.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How long finished jobs of each final status are kept, an ISO-8601 duration each ({@code P7D},
 * {@code PT12H}); zero keeps them forever.
 */
public record Retention(Duration fulfilled, Duration failed, Duration cancelled) {

    /** Reads one retention: an ISO-8601 duration, or {@code 0}. */
    static Duration parse(String name, String text) {
        if ("0".equals(text.trim())) {
            return Duration.ZERO;
        }
        try {
            Duration duration = Duration.parse(text.trim());
            if (duration.isNegative()) {
                throw new InvalidRequestException(name + " must not be negative: " + text);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    name + " must be an ISO-8601 duration such as P7D or PT12H, or 0 to keep forever: " + text);
        }
    }

    /** The finish time before which a job of that retention is pruned at {@code now}; null: kept forever. */
    static Instant cutoff(Duration retention, Instant now) {
        return retention.isZero() ? null : now.minus(retention);
    }
}
