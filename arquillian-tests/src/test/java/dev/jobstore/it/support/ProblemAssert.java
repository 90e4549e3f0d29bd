package dev.jobstore.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Api.Reply;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.function.Executable;

/** The shape every refused API call answers with. */
public final class ProblemAssert {

    private ProblemAssert() {}

    /** Checks that {@code reply} is a {@code status} problem of {@code type} whose detail mentions {@code detailPart}, with no internals. */
    public static Executable problem(Reply reply, int status, String type, String detailPart) {
        return () -> {
            assertEquals(status, reply.status(), reply::toString);
            assertEquals("application/problem+json", reply.contentType(), reply::toString);
            JsonObject body = reply.object();
            assertEquals(type, body.getString("type"), reply::toString);
            assertEquals(status, body.getInt("status"));
            assertFalse(body.getString("title").isBlank());
            assertTrue(
                    body.getString("detail").contains(detailPart), () -> "detail lacks '" + detailPart + "': " + reply);
            assertFalse(
                    reply.text().contains("Exception") || reply.text().contains("\tat "),
                    () -> "internals leaked: " + reply);
        };
    }
}
