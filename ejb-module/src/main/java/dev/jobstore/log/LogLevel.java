package dev.jobstore.log;

import dev.jobstore.job.InvalidRequestException;
import java.util.Locale;

/** How much a log line matters (meteor-job's levels). */
public enum LogLevel {
    DEBUG,
    INFO,
    WARNING,
    DANGER;

    /** Parses a level name case-insensitively; {@code null} means INFO. */
    public static LogLevel parse(String name) {
        if (name == null) {
            return INFO;
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("level '" + name + "' is unknown; use debug, info, warning or danger");
        }
    }

    /** The name as the API writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
