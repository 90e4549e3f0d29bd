package dev.jobstore.it.support;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.concurrent.Callable;

/**
 * An in-server caller with one role ({@code @RunAs} on each subclass): what it calls runs with
 * that role, on whatever thread calls it. Each call inside still has its own transaction.
 */
@PermitAll // anyone may call it; what it calls sees only the role
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public abstract class CallsAs {

    public <T> T call(Callable<T> work) throws Exception {
        return work.call();
    }
}
