package dev.jobstore.security;

import java.util.Set;

/**
 * The store's roles. Each EJB method names the roles it allows; {@code admin} is allowed
 * everywhere, so an admin needs no other role.
 */
public final class Roles {

    /** Creates jobs, reads them, queues notification targets. */
    public static final String PRODUCER = "producer";

    /** Leases and works on jobs (heartbeat, fulfill, fail, release, progress, logs) and notifications. */
    public static final String WORKER = "worker";

    /** Reads everything, changes nothing. */
    public static final String VIEWER = "viewer";

    /** Everything: control, remove, queue pause, tokens. */
    public static final String ADMIN = "admin";

    /** The roles a caller may be given (a token's roles are checked against these). */
    public static final Set<String> ALL = Set.of(PRODUCER, WORKER, VIEWER, ADMIN);

    private Roles() {}
}
