package dev.jobstore.health;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.sweep.SweepTimer;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Alive while sweeps keep ending, successfully or not: a node whose sweeps hang no longer takes
 * back expired leases, and a restart is what helps. A database that is down does not make the
 * node dead (its sweeps end, failing): that is readiness's business.
 */
@Stateless
@Local(HealthCheck.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LivenessProbe implements HealthCheck {

    private static final Duration AT_LEAST = Duration.ofMinutes(1);
    private static final int MISSED_SWEEPS = 20;

    @Inject
    SweepTimer sweeps;

    @Inject
    JobStoreSettings settings;

    @Inject
    Clock clock;

    @Override
    public HealthCheckResponse call() {
        Duration sweepInterval = settings.sweepInterval().multipliedBy(MISSED_SWEEPS);
        Duration allowed = sweepInterval.compareTo(AT_LEAST) > 0 ? sweepInterval : AT_LEAST;
        Instant lastEnded = sweeps.lastSweepEnded();
        return HealthCheckResponse.named("jobstore-sweeps")
                .status(Duration.between(lastEnded, clock.instant()).compareTo(allowed) <= 0)
                .withData("lastSweepEnded", lastEnded.toString())
                .build();
    }
}
