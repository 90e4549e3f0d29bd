package dev.jobstore.store;

import dev.jobstore.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.function.Supplier;

/**
 * The store's own identity, for the in-process worker pools: their pulls, group commits and
 * lease calls run on executor threads whose identity is whatever submitted the task, so they
 * run through here instead, with the worker role. Each call inside still starts its own
 * transaction, as it would without this bean in between.
 */
@Stateless
@RunAs(Roles.WORKER)
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SystemIdentity {

    /** Runs {@code work} with the worker role. */
    public <T> T call(Supplier<T> work) {
        return work.get();
    }
}
