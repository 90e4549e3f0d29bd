package dev.jobstore.job;

/** Lock hints for queries that pick rows to work on, so that concurrent pickers split the work. */
public final class LockHints {

    /** The JPA hint that sets a pessimistic lock's timeout. */
    public static final String LOCK_TIMEOUT = "jakarta.persistence.lock.timeout";

    /**
     * Hibernate's lock-timeout value for {@code SKIP LOCKED} ({@code LockOptions.SKIP_LOCKED}):
     * rows another transaction holds are passed over instead of waited for.
     */
    public static final int SKIP_LOCKED = -2;

    private LockHints() {}
}
