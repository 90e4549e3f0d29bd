package dev.jobstore.retention;

import dev.jobstore.batch.BatchParameterCheck;
import dev.jobstore.job.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The parameters of {@code prune-finished-jobs}, all optional: {@code fulfilled}, {@code
 * failed}, {@code cancelled} (retentions, see {@link Retention}), {@code archive} ({@code
 * true}/{@code false}; default: whether an archive directory is configured) and {@code
 * chunkSize} (jobs per transaction, 1 to 10,000; default 1,000).
 */
@ApplicationScoped
public class PruneParameters implements BatchParameterCheck {

    public static final String JOB = "prune-finished-jobs";

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
        String chunkSize = parameters.get("chunkSize");
        if (chunkSize != null && !chunkSize.matches("[0-9]{1,5}")
                || chunkSize != null && (Integer.parseInt(chunkSize) < 1 || Integer.parseInt(chunkSize) > 10_000)) {
            throw new InvalidRequestException(
                    "chunkSize must be a whole number from 1 to 10000, not '" + chunkSize + "'");
        }
    }

    /** Whether a run archives: as its {@code archive} parameter says, else when a directory is configured. */
    static boolean archives(String archive, RetentionSettings settings) {
        return archive == null || archive.isBlank()
                ? settings.archiveDirectory().isPresent()
                : Boolean.parseBoolean(archive);
    }
}
