package dev.jobstore.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static Instant next(String cron, String after) {
        return CronSchedule.parse(cron).next(Instant.parse(after));
    }

    @Test
    void five_fields_fire_on_whole_minutes_strictly_after_the_given_instant() {
        assertEquals(Instant.parse("2026-01-01T00:01:00Z"), next("* * * * *", "2026-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T00:15:00Z"), next("*/15 * * * *", "2026-01-01T00:00:30Z"));
        assertEquals(Instant.parse("2026-01-01T09:30:00Z"), next("30 9 * * *", "2026-01-01T08:00:00Z"));
        assertEquals(Instant.parse("2026-01-02T09:30:00Z"), next("30 9 * * *", "2026-01-01T09:30:00Z"));
    }

    @Test
    void six_fields_add_seconds() {
        assertEquals(Instant.parse("2026-01-01T00:00:02Z"), next("*/2 * * * * *", "2026-01-01T00:00:00.500Z"));
        assertEquals(Instant.parse("2026-01-01T00:00:10Z"), next("10-20/5 * * * * *", "2026-01-01T00:00:00Z"));
    }

    @Test
    void days_months_and_weekdays_follow_classic_cron() {
        // 2026-01-01 is a Thursday; the next Monday is the 5th
        assertEquals(Instant.parse("2026-01-05T00:00:00Z"), next("0 0 * * 1", "2026-01-01T00:00:00Z"));
        assertEquals(
                Instant.parse("2026-01-04T00:00:00Z"), next("0 0 * * 7", "2026-01-01T00:00:00Z"), "7 is Sunday too");
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), next("0 0 1 3 *", "2026-01-01T00:00:00Z"));
        // day-of-month and weekday both restricted: either matches (the 10th, or a Monday)
        assertEquals(Instant.parse("2026-01-05T00:00:00Z"), next("0 0 10 * 1", "2026-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2028-02-29T00:00:00Z"), next("0 0 29 2 *", "2026-03-01T00:00:00Z"));
    }

    @Test
    void malformed_expressions_are_refused_with_the_field_named() {
        assertEquals(
                "minute '61' must be a number from 0 to 59",
                assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("61 * * * *"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("* * *"));
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("a * * * *"));
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("*/0 * * * *"));
    }
}
