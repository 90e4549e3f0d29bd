package dev.jobstore.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobstore.event.JobCreated;
import dev.jobstore.event.JobFailed;
import dev.jobstore.event.JobFulfilled;
import dev.jobstore.job.MinuteCounts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MinuteTallyTest {

    private static final Instant MINUTE = Instant.parse("2026-11-30T10:15:00Z");

    private final MinuteTally tally = new MinuteTally();

    @Test
    void counts_each_queue_and_minute_apart_and_a_drain_takes_them_all() {
        at(MINUTE.plusSeconds(5));
        tally.created(new JobCreated(UUID.randomUUID(), "a"));
        tally.created(new JobCreated(UUID.randomUUID(), "a"));
        tally.created(new JobCreated(UUID.randomUUID(), "b"));
        tally.fulfilled(new JobFulfilled(UUID.randomUUID(), "a", "text/plain"));
        at(MINUTE.plusSeconds(61));
        tally.failed(new JobFailed(UUID.randomUUID(), "a", "boom", null));

        assertEquals(
                List.of(
                        new MinuteCounts("a", MINUTE, 2, 1, 0),
                        new MinuteCounts("a", MINUTE.plusSeconds(60), 0, 0, 1),
                        new MinuteCounts("b", MINUTE, 1, 0, 0)),
                sorted(tally.drain()));
        assertEquals(List.of(), tally.drain());
    }

    @Test
    void counts_put_back_after_a_failed_flush_add_to_those_since() {
        at(MINUTE);
        tally.created(new JobCreated(UUID.randomUUID(), "a"));
        List<MinuteCounts> unflushed = tally.drain();
        tally.created(new JobCreated(UUID.randomUUID(), "a"));

        tally.restore(unflushed);

        assertEquals(List.of(new MinuteCounts("a", MINUTE, 2, 0, 0)), tally.drain());
    }

    private void at(Instant now) {
        tally.clock = Clock.fixed(now, ZoneOffset.UTC);
    }

    private static List<MinuteCounts> sorted(List<MinuteCounts> counts) {
        return counts.stream()
                .sorted(Comparator.comparing(MinuteCounts::queue).thenComparing(MinuteCounts::minute))
                .toList();
    }
}
