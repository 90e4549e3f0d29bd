package dev.jobstore.schema;

import java.util.List;

/**
 * The database's schema version ({@code null} before the first migration) and the versions
 * this application ships that the database has not applied yet.
 */
public record SchemaStatus(String version, List<String> pending) {

    /** Whether the database has every migration this application needs. */
    public boolean isCurrent() {
        return version != null && pending.isEmpty();
    }
}
