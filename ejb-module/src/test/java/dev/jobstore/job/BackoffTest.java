package dev.jobstore.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delay_grows_by_the_multiplier_and_stops_at_max() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10));
        assertEquals(Duration.ofSeconds(1), backoff.delayAfter(1));
        assertEquals(Duration.ofSeconds(2), backoff.delayAfter(2));
        assertEquals(Duration.ofSeconds(8), backoff.delayAfter(4));
        assertEquals(Duration.ofSeconds(10), backoff.delayAfter(5));
        assertEquals(Duration.ofSeconds(10), backoff.delayAfter(1000));
    }

    @Test
    void missing_components_take_the_defaults() {
        Backoff partial = new Backoff(Duration.ofMillis(250), null, null);
        assertEquals(new Backoff(Duration.ofMillis(250), 2.0, Duration.ofHours(1)), partial.withDefaults());
    }
}
