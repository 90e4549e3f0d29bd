package dev.jobstore.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AlignedClockTest {

    private static final Instant NODE_NOW = Instant.parse("2026-01-01T00:01:30.000500Z");

    private final AlignedClock clock = new AlignedClock(Clock.fixed(NODE_NOW, ZoneOffset.UTC));

    @Test
    void until_aligned_it_tells_the_node_time_in_milliseconds() {
        assertEquals(Instant.parse("2026-01-01T00:01:30Z"), clock.instant());
    }

    @Test
    void a_node_running_ahead_tells_the_database_time() {
        // the node is 90 s ahead: the database read 00:00:00.010 between node times 00:01:30.000 and .020
        Duration offset = clock.align(
                Instant.parse("2026-01-01T00:00:00.010Z"),
                Instant.parse("2026-01-01T00:01:30Z"),
                Instant.parse("2026-01-01T00:01:30.020Z"));

        assertEquals(Duration.ofSeconds(-90), offset);
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), clock.instant());
    }

    @Test
    void a_node_running_behind_tells_the_database_time() {
        clock.align(Instant.parse("2026-01-01T00:03:00Z"), NODE_NOW.minusMillis(1), NODE_NOW.plusMillis(1));

        assertEquals(Instant.parse("2026-01-01T00:03:00Z"), clock.instant());
    }
}
