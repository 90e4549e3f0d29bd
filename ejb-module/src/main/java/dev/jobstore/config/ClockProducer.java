package dev.jobstore.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/** The one clock every lease time comes from; entities never read the time themselves. */
@ApplicationScoped
public class ClockProducer {

    // Millisecond ticks: what the database stores is exactly what callers were told.
    @Produces
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}
