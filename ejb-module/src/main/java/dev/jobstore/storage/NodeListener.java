package dev.jobstore.storage;

/** A running {@link JobStorage#listen listener} for other nodes' announcements. */
public interface NodeListener extends AutoCloseable {

    /** Whether other nodes' announcements reach this node now. */
    ListenerState state();

    /** Stops listening. */
    @Override
    void close();

    /** Where a node stands in hearing the others. */
    enum ListenerState {
        /** Listening on its connection. */
        LISTENING,
        /** Its connection is down; it is reconnecting, and pulls find work by their recheck meanwhile. */
        RECONNECTING,
        /** The database has one node only (the embedded default): there is nobody to hear. */
        NOT_NEEDED
    }
}
