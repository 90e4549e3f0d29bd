package dev.jobstore.token;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.Rows;
import dev.jobstore.security.CallerScope;
import dev.jobstore.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues, lists and revokes API tokens, and tells who a presented secret speaks for. Managing
 * tokens takes an admin not limited to some queues: a scoped admin could otherwise issue itself
 * a token for every queue.
 */
@Stateless
public class ApiTokens {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CallerScope caller;

    /** Issues a token; the answer holds its secret, which is never shown again. */
    @RolesAllowed(Roles.ADMIN)
    public TokenView issue(NewToken request) {
        caller.requireUnscoped("token management");
        if (request == null) {
            throw new InvalidRequestException("a token needs a name and roles");
        }
        Instant now = clock.instant();
        request.check(now);
        String secret = TokenSecrets.newSecret();
        ApiToken token = new ApiToken(request, TokenSecrets.hash(secret), now, caller.callerName());
        em.persist(token);
        return token.view().withSecret(secret);
    }

    /** Every token, newest first, without secrets. */
    @RolesAllowed(Roles.ADMIN)
    public List<TokenView> list() {
        caller.requireUnscoped("token management");
        return em.createQuery("select t from ApiToken t order by t.createdAt desc", ApiToken.class)
                .getResultStream()
                .map(ApiToken::view)
                .toList();
    }

    /** Revokes a token: from the commit on, no node accepts its secret. */
    @RolesAllowed(Roles.ADMIN)
    public void revoke(UUID id) {
        caller.requireUnscoped("token management");
        ApiToken token = Rows.find(em, ApiToken.class, id);
        if (token == null) {
            throw new TokenNotFoundException(id);
        }
        em.remove(token);
    }

    /** Who {@code secret} speaks for, if it is a token's secret that has not expired. */
    @PermitAll
    public Optional<TokenCaller> authenticate(String secret) {
        if (secret == null || !secret.startsWith(TokenSecrets.PREFIX)) {
            return Optional.empty();
        }
        return em.createQuery("select t from ApiToken t where t.secretHash = :hash", ApiToken.class)
                .setParameter("hash", TokenSecrets.hash(secret))
                .getResultStream()
                .filter(token -> !token.expiredAt(clock.instant()))
                .findFirst()
                .map(token ->
                        new TokenCaller(TokenCaller.NAME_PREFIX + token.name(), token.roleList(), token.queueList()));
    }
}
