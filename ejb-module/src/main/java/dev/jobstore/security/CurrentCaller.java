package dev.jobstore.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;

/** Tells an authenticated caller its own name, roles and queue scope. */
@Stateless
public class CurrentCaller {

    @Inject
    CallerScope scope;

    @RolesAllowed({Roles.PRODUCER, Roles.WORKER, Roles.VIEWER, Roles.ADMIN})
    public CallerView describe() {
        SecurityIdentity identity = SecurityDomain.getCurrent().getCurrentSecurityIdentity();
        return new CallerView(
                scope.callerName(),
                Roles.ALL.stream()
                        .filter(identity.getRoles()::contains)
                        .sorted()
                        .toList(),
                scope.patterns().stream().map(QueuePattern::text).toList());
    }
}
