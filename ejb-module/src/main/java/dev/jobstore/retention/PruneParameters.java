package dev.jobstore.retention;

import dev.jobstore.batch.BatchParameterCheck;
import dev.jobstore.job.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The parameters of {@code prune-finished-jobs}, all optional: {@code fulfilled}, {@code
 * failed}, {@code cancelled} (retentions, see {@link Retention}), {@code archive} ({@code
 * true}/{@code false}; default: whether an archive directory is configured), {@code
 * chunkSize} (jobs per transaction, 1 to 10,000; default 1,000) and {@code workShare} (the share
 * of the time the prune works, resting the rest: above 0 up to 1; default 0.5, see {@link Pace}).
 */
@ApplicationScoped
public class PruneParameters implements BatchParameterCheck {

    public static final String JOB = "prune-finished-jobs";

    /** The prune works half the time and rests the other half, leaving room for the live queues. */
    static final double DEFAULT_WORK_SHARE = 0.5;

    @Inject
    RetentionSettings settings;

    @Override
    public String jobName() {
        return JOB;
    }

    @Override
    public void check(Map<String, String> parameters) {
        settings.retention(parameters.get("fulfilled"), parameters.get("failed"), parameters.get("cancelled"));
        String archive = parameters.get("archive");
        if (archive != null && !archive.equals("true") && !archive.equals("false")) {
            throw new InvalidRequestException("archive must be true or false, not '" + archive + "'");
        }
        if (archives(archive, settings) && settings.archiveDirectory().isEmpty()) {
            throw new InvalidRequestException(
                    "archive needs an archive directory: set jobstore.retention.archive-directory");
        }
        workShare(parameters.get("workShare"));
        String chunkSize = parameters.get("chunkSize");
        if (chunkSize != null
                && !(chunkSize.matches("[0-9]{1,5}")
                        && Integer.parseInt(chunkSize) >= 1
                        && Integer.parseInt(chunkSize) <= 10_000)) {
            throw new InvalidRequestException(
                    "chunkSize must be a whole number from 1 to 10000, not '" + chunkSize + "'");
        }
    }

    /** The {@code workShare} parameter's value: 0.5 when absent. */
    static double workShare(String given) {
        if (given == null || given.isBlank()) {
            return DEFAULT_WORK_SHARE;
        }
        try {
            double share = Double.parseDouble(given);
            if (share > 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidRequestException("workShare must be a number above 0 and at most 1, not '" + given + "'");
    }

    /** Whether a run archives: as its {@code archive} parameter says, else when a directory is configured. */
    static boolean archives(String archive, RetentionSettings settings) {
        return archive == null || archive.isBlank()
                ? settings.archiveDirectory().isPresent()
                : Boolean.parseBoolean(archive);
    }
}
