package dev.jobstore.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basic_and_bearer_credentials_are_read() {
        assertEquals(Optional.of(new Credentials.Basic("ada", "pa:ss")), Credentials.parse(basic("ada:pa:ss")));
        assertEquals(Optional.of(new Credentials.Bearer("jst_x")), Credentials.parse("bearer jst_x"));
    }

    @Test
    void anything_else_is_no_credentials() {
        assertTrue(Credentials.parse("Basic !!!").isEmpty());
        assertTrue(Credentials.parse(basic("no-colon")).isEmpty());
        assertTrue(Credentials.parse(basic(":password-without-user")).isEmpty());
        assertTrue(Credentials.parse("Bearer ").isEmpty());
        assertTrue(Credentials.parse("Digest abc").isEmpty());
        assertTrue(Credentials.parse("Basic").isEmpty());
    }
}
