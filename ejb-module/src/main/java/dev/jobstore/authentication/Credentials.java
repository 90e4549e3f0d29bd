package dev.jobstore.authentication;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** What an {@code Authorization} header presents: a user name and password, or a bearer token. */
sealed interface Credentials {

    record Basic(String user, String password) implements Credentials {}

    record Bearer(String secret) implements Credentials {}

    /** The credentials in {@code header}; empty if it is of another scheme or malformed. */
    static Optional<Credentials> parse(String header) {
        int space = header.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer") && !value.isEmpty()) {
            return Optional.of(new Bearer(value));
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic(value);
        }
        return Optional.empty();
    }

    private static Optional<Credentials> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon <= 0
                ? Optional.empty()
                : Optional.of(new Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
