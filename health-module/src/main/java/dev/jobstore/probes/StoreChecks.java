package dev.jobstore.probes;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** The store's checks: its EJB module's probes, offered to MicroProfile Health from here. */
@ApplicationScoped
public class StoreChecks {

    @EJB(beanName = "ReadinessProbe")
    HealthCheck readiness;

    @EJB(beanName = "LivenessProbe")
    HealthCheck liveness;

    /** Ready when the database answers, its schema is current, and this node hears the others. */
    @Produces
    @Readiness
    HealthCheck readiness() {
        return readiness;
    }

    /** Alive while this node's sweeps keep ending. */
    @Produces
    @Liveness
    HealthCheck liveness() {
        return liveness;
    }
}
