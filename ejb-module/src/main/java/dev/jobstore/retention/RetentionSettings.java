package dev.jobstore.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The defaults of {@code prune-finished-jobs}; each run may override them with its parameters. */
@ApplicationScoped
public class RetentionSettings {

    // Results are what callers come back for: fulfilled jobs stay a week (River keeps completed
    // jobs a day, Oban a minute). Failures wait two weeks for someone to look at them; a
    // cancelled job holds nothing to fetch and goes after a day, as in River.
    @Inject
    @ConfigProperty(name = "jobstore.retention.fulfilled", defaultValue = "P7D")
    String fulfilled;

    @Inject
    @ConfigProperty(name = "jobstore.retention.failed", defaultValue = "P14D")
    String failed;

    @Inject
    @ConfigProperty(name = "jobstore.retention.cancelled", defaultValue = "P1D")
    String cancelled;

    @Inject
    @ConfigProperty(name = "jobstore.retention.archive-directory")
    Optional<String> archiveDirectory;

    /** The retention with each of {@code overrides} (null or blank: the configured one) in place. */
    Retention retention(String fulfilledOverride, String failedOverride, String cancelledOverride) {
        return new Retention(
                Retention.parse("fulfilled", given(fulfilledOverride, fulfilled)),
                Retention.parse("failed", given(failedOverride, failed)),
                Retention.parse("cancelled", given(cancelledOverride, cancelled)));
    }

    /** Where pruned jobs are archived; empty: nowhere unless configured. */
    Optional<String> archiveDirectory() {
        return archiveDirectory.filter(directory -> !directory.isBlank());
    }

    private static String given(String override, String configured) {
        return override == null || override.isBlank() ? configured : override;
    }
}
