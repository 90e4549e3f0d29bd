package dev.jobstore.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PaceTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void half_the_time_rests_as_long_as_the_page_took() throws InterruptedException {
        Pace pace = new Pace(0.5, now::get);
        assertEquals(0, pace.rest(), "nothing to rest for before the first page");
        pace.restBeforeNextPage();
        now.addAndGet(200);
        assertEquals(200, pace.rest());
    }

    @Test
    void a_quarter_of_the_time_rests_three_times_as_long_and_all_of_it_never() throws InterruptedException {
        Pace quarter = new Pace(0.25, now::get);
        Pace all = new Pace(1, now::get);
        quarter.restBeforeNextPage();
        all.restBeforeNextPage();
        now.addAndGet(100);
        assertEquals(300, quarter.rest());
        assertEquals(0, all.rest());
    }
}
