package dev.jobstore.lease;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.job.Violations;
import java.time.Duration;

/** The rule for a requested lease length, shared by pulls and heartbeats. */
public final class LeaseLength {

    private LeaseLength() {}

    /** Records what is wrong with {@code requested} ({@code null} means the default). */
    static void check(Duration requested, JobStoreSettings settings, Violations violations) {
        violations.require(
                requested == null
                        || (requested.compareTo(Duration.ZERO) > 0 && requested.compareTo(settings.maxLease()) <= 0),
                "lease must be longer than PT0S and at most " + settings.maxLease() + " (jobstore.lease.max)");
    }

    /** The checked length to grant for {@code requested}. */
    public static Duration resolve(Duration requested, JobStoreSettings settings) {
        Violations violations = new Violations();
        check(requested, settings, violations);
        violations.throwIfAny();
        return requested == null ? settings.defaultLease() : requested;
    }
}
