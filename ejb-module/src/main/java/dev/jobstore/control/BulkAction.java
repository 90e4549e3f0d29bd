package dev.jobstore.control;

import dev.jobstore.job.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/** A control action that can be applied to many jobs at once: one {@link JobControl} call per job. */
public enum BulkAction {
    CANCEL,
    PAUSE,
    RESUME,
    RESTART,
    RERUN,
    /** Removes jobs that are not RUNNING; a running job is refused rather than taken from its holder. */
    REMOVE;

    /** The action named {@code name} ({@code cancel}, {@code restart}, …). */
    public static BulkAction parse(String name) {
        return Arrays.stream(values())
                .filter(action -> action.name().toLowerCase(Locale.ROOT).equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException("action: '" + name + "' is not one of "
                        + Arrays.stream(values())
                                .map(action -> action.name().toLowerCase(Locale.ROOT))
                                .toList()));
    }

    void applyTo(UUID id, JobControl control) {
        switch (this) {
            case CANCEL -> control.cancel(id);
            case PAUSE -> control.pause(id);
            case RESUME -> control.resume(id);
            case RESTART -> control.restart(id);
            case RERUN -> control.rerun(id);
            case REMOVE -> control.remove(id, false);
        }
    }
}
