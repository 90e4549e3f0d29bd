package dev.jobstore.authentication;

import dev.jobstore.token.ApiTokens;
import dev.jobstore.token.TokenCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Authenticates each request from its {@code Authorization} header: {@code Basic} against the
 * server's realm, {@code Bearer} against the API tokens. A request to a protected path without
 * credentials, or with credentials that are not accepted, gets 401 with both challenges and a
 * problem body (from the error page); nothing says whether the user, the password or the token
 * was wrong.
 */
@ApplicationScoped
public class ApiAuthentication implements HttpAuthenticationMechanism {

    static final String[] CHALLENGES = {"Basic realm=\"jobstore\", charset=\"UTF-8\"", "Bearer realm=\"jobstore\""};

    @Inject
    RealmUsers users;

    @Inject
    ApiTokens tokens;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return context.isProtected() ? challenge(response, context) : context.doNothing();
        }
        Optional<Caller> caller = Credentials.parse(header).flatMap(this::authenticate);
        if (caller.isEmpty()) {
            return challenge(response, context);
        }
        return context.notifyContainerAboutLogin(
                caller.get().name(), caller.get().groups());
    }

    private Optional<Caller> authenticate(Credentials credentials) {
        if (credentials instanceof Credentials.Basic basic) {
            return users.login(basic.user(), basic.password());
        }
        return tokens.authenticate(((Credentials.Bearer) credentials).secret()).map(ApiAuthentication::caller);
    }

    private static Caller caller(TokenCaller token) {
        return new Caller(token.name(), token.groups());
    }

    // The 401 goes through the error page, which writes the problem body.
    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        for (String challenge : CHALLENGES) {
            response.addHeader("WWW-Authenticate", challenge);
        }
        return context.responseUnauthorized();
    }
}
