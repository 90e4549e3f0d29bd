package dev.jobstore.clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one clock every lease time comes from: the database's, as {@link ClockSync} measures it
 * (entities never read the time themselves).
 */
@ApplicationScoped
public class ClockProducer {

    private final AlignedClock clock = new AlignedClock(Clock.systemUTC());

    @Produces
    Clock clock() {
        return clock;
    }

    AlignedClock aligned() {
        return clock;
    }
}
