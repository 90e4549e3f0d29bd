package dev.jobstore.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a job is in its life. FULFILLED, FAILED and CANCELLED are final. */
public enum JobStatus {
    /** Not claimable yet: its {@code runAt} is ahead, or a dependency is not FULFILLED. */
    WAITING,
    /** Claimable now. */
    PENDING,
    /** A worker holds a lease on it. */
    RUNNING,
    /** Done; its value is stored. */
    FULFILLED,
    /** Out of attempts, or failed without retry. */
    FAILED,
    /** Stopped by an admin, or because a dependency failed or was cancelled. */
    CANCELLED,
    /** Held back by an admin until resumed. */
    PAUSED;

    public boolean isFinal() {
        return this == FULFILLED || this == FAILED || this == CANCELLED;
    }

    /** Parses a status name case-insensitively, naming the valid ones when it is unknown. */
    public static JobStatus parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status '" + name + "' is unknown; use one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
