package dev.jobstore.wakeup;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.job.Violations;
import java.time.Duration;

/** The rule for how long a long poll may wait, shared by pulls and result waits. */
public final class WaitLength {

    private WaitLength() {}

    /** Records what is wrong with {@code requested} ({@code null} means no wait). */
    public static void check(Duration requested, JobStoreSettings settings, Violations violations) {
        violations.require(
                requested == null || (!requested.isNegative() && requested.compareTo(settings.maxWait()) <= 0),
                "wait must be between PT0S and " + settings.maxWait() + " (jobstore.pull.max-wait)");
    }

    /** The checked wait for {@code requested}: none for {@code null}. */
    public static Duration resolve(Duration requested, JobStoreSettings settings) {
        Violations violations = new Violations();
        check(requested, settings, violations);
        violations.throwIfAny();
        return requested == null ? Duration.ZERO : requested;
    }
}
