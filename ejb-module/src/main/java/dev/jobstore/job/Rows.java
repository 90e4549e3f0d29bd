package dev.jobstore.job;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds entities by id, where an absent row must mean that the row is absent. Every lookup by id
 * goes through here, never through {@code EntityManager.find} directly.
 *
 * <p>Hibernate's {@code find} answers null, not an error, when its statement fails in a
 * transaction already marked for rollback (HHH-12472, for WildFly's connection pool, which refuses
 * statements in such a transaction). When the database connection is lost, the pool marks the
 * transaction so: a find would then report an existing job as missing (a 404 for a fulfill while
 * PostgreSQL shut down). A null in a doomed transaction is therefore reported as the database
 * being unavailable.
 */
public final class Rows {

    private static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private static volatile TransactionSynchronizationRegistry registry;

    private Rows() {}

    /** The entity, or null when there is no such row. */
    public static <T> T find(EntityManager em, Class<T> type, Object id) {
        return find(em, type, id, LockModeType.NONE);
    }

    /** The entity, locked as asked, or null when there is no such row. */
    public static <T> T find(EntityManager em, Class<T> type, Object id, LockModeType lock) {
        T found = em.find(type, id, lock);
        if (found == null && doomed()) {
            throw new DatabaseUnavailableException("could not read " + type.getSimpleName() + " " + id
                    + ": the transaction was rolled back, most likely because the database connection was lost");
        }
        return found;
    }

    private static boolean doomed() {
        return registry().getTransactionStatus() == Status.STATUS_MARKED_ROLLBACK;
    }

    private static TransactionSynchronizationRegistry registry() {
        TransactionSynchronizationRegistry known = registry;
        if (known == null) {
            try {
                known = InitialContext.doLookup(REGISTRY);
            } catch (NamingException e) {
                throw new IllegalStateException("no " + REGISTRY + ": the store runs in a Jakarta EE server", e);
            }
            registry = known;
        }
        return known;
    }
}
