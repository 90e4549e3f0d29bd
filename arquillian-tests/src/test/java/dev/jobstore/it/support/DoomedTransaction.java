package dev.jobstore.it.support;

import dev.jobstore.store.JobStore;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * A transaction that lost its database connection halfway: it has read a job, then is marked
 * for rollback as WildFly's pool marks a transaction whose connection broke, and its later
 * statements are refused.
 */
@Stateless
public class DoomedTransaction {

    @Inject
    JobStore store;

    @Resource
    TransactionSynchronizationRegistry registry;

    /** Reads job {@code touched}, dooms the transaction, then runs {@code call} in it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T call(UUID touched, Callable<T> call) throws Exception {
        store.get(touched);
        registry.setRollbackOnly();
        return call.call();
    }
}
