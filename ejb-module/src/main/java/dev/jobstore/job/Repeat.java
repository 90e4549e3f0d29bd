package dev.jobstore.job;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Duration;
import java.time.Instant;

/**
 * How a job repeats: {@code every} (a fixed delay after each fulfillment) or {@code cron} (the
 * next matching instant, UTC), {@code times} runs in all or forever when {@code null}. After a
 * run is fulfilled the next run is created.
 */
@JsonbPropertyOrder({"every", "cron", "times"})
public record Repeat(Duration every, String cron, Integer times) {

    public static Repeat every(Duration interval, Integer times) {
        return new Repeat(interval, null, times);
    }

    public static Repeat cron(String expression, Integer times) {
        return new Repeat(null, expression, times);
    }

    /** The repeat stored in a job's columns, or {@code null} when it does not repeat. */
    public static Repeat ofColumns(Long everyMillis, String cron, Integer times) {
        if (everyMillis == null && cron == null) {
            return null;
        }
        return new Repeat(everyMillis == null ? null : Duration.ofMillis(everyMillis), cron, times);
    }

    void check(Violations violations) {
        violations
                .require((every == null) != (cron == null), "repeat needs exactly one of every or cron")
                .require(
                        every == null || every.compareTo(Duration.ofMillis(100)) >= 0,
                        "repeat.every must be at least PT0.1S")
                .require(times == null || times >= 1, "repeat.times must be at least 1");
        if (cron != null) {
            try {
                CronSchedule.parse(cron);
            } catch (IllegalArgumentException e) {
                violations.require(false, "repeat.cron: " + e.getMessage());
            }
        }
    }

    /** When the run after one fulfilled at {@code now} is due. */
    Instant nextRunAfter(Instant now) {
        return every != null ? now.plus(every) : CronSchedule.parse(cron).next(now);
    }
}
