package dev.jobstore.authentication;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.evidence.PasswordGuessEvidence;

/**
 * Users of the server's Elytron security domain (by default the {@code ApplicationRealm}
 * properties files that {@code bin/add-user.sh} writes): checks a password there and takes the
 * user's roles from it, so users are managed with the server's own tools.
 */
@ApplicationScoped
class RealmUsers {

    Optional<Caller> login(String user, String password) {
        try {
            SecurityIdentity identity =
                    SecurityDomain.getCurrent().authenticate(user, new PasswordGuessEvidence(password.toCharArray()));
            Set<String> groups = new HashSet<>();
            identity.getRoles().forEach(groups::add);
            return Optional.of(new Caller(identity.getPrincipal().getName(), groups));
        } catch (SecurityException | RealmUnavailableException e) {
            return Optional.empty();
        }
    }
}
