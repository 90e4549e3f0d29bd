package dev.jobstore.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobIdsTest {

    @Test
    void an_id_is_a_version_7_uuid_carrying_its_creation_millisecond() {
        Instant now = Instant.parse("2026-12-01T10:00:00.123Z");

        UUID id = JobIds.next(now);

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(now.toEpochMilli(), id.getMostSignificantBits() >>> 16);
    }

    @Test
    void ids_of_later_jobs_sort_after_earlier_ones_as_text_and_as_the_database_orders_them() {
        Instant earlier = Instant.parse("2026-12-01T10:00:00.123Z");

        UUID first = JobIds.next(earlier);
        UUID second = JobIds.next(earlier.plusMillis(1));

        assertTrue(first.toString().compareTo(second.toString()) < 0, first + " then " + second);
        assertTrue(first.compareTo(second) < 0);
    }

    @Test
    void ids_made_in_the_same_millisecond_differ() {
        Instant now = Instant.now();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(JobIds.next(now));
        }
        assertEquals(10_000, ids.size());
    }
}
