package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Api.Reply;
import dev.jobstore.it.support.Deployments;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who the API lets in and what it tells the rest: challenges, tokens (shown once, stored as a
 * hash, revoked at once) and queue scopes, for users of the realm and for tokens.
 */
@ExtendWith(ArquillianExtension.class)
class AuthenticationIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(AuthenticationIT.class);
    }

    private final Api admin = new Api();

    @Test
    void without_credentials_every_path_answers_401_with_both_challenges_and_a_problem() {
        for (String path : List.of("queues", "jobs", "jobs/" + UUID.randomUUID(), "tokens", "no/such/path")) {
            Reply reply = Api.anonymous().get(path);
            assertEquals(401, reply.status(), path);
            assertEquals("application/problem+json", reply.contentType(), path);
            assertEquals("unauthorized", reply.object().getString("type"));
            assertEquals(
                    List.of("Basic realm=\"jobstore\", charset=\"UTF-8\"", "Bearer realm=\"jobstore\""),
                    reply.headers().allValues("WWW-Authenticate"),
                    path);
        }
        Reply wrongToken = Api.bearer("jst_not-a-token").get("queues");
        Reply wrongPassword = Api.as("admin", "wrong").get("queues");
        Reply none = Api.anonymous().get("queues");
        assertEquals(401, wrongToken.status());
        assertEquals(none.text(), wrongToken.text(), "a refusal tells nothing of which credential was wrong");
        assertEquals(none.text(), wrongPassword.text(), "a refusal tells nothing of which credential was wrong");
    }

    @Test
    void a_token_secret_is_shown_once_and_revoking_it_locks_it_out_at_once() {
        Reply issued = admin.post(
                "tokens",
                "{\"name\":\"deploy-bot\",\"roles\":[\"producer\"],\"expiresAt\":\""
                        + Instant.now().plusSeconds(3600) + "\"}");
        assertEquals(201, issued.status(), issued::toString);
        JsonObject token = issued.object();
        String secret = token.getString("secret");
        assertTrue(secret.startsWith("jst_") && secret.length() > 40, secret);
        assertTrue(issued.location().endsWith("/tokens/" + token.getString("id")), issued.location());
        assertEquals("admin", token.getString("createdBy"));

        Reply listed = admin.get("tokens");
        assertFalse(listed.text().contains(secret), "the list shows a secret");
        assertFalse(listed.text().contains("secret"), listed.text());

        Api bot = Api.bearer(secret);
        assertEquals(
                201,
                bot.post("queues/bot-" + UUID.randomUUID() + "/jobs", "{\"payload\":1}")
                        .status());
        assertEquals(403, bot.post("queues/q/leases", "{\"worker\":\"bot\"}").status(), "a producer token leased");

        assertEquals(204, admin.delete("tokens/" + token.getString("id")).status());
        assertEquals(401, bot.get("queues").status());
        assertEquals(404, admin.delete("tokens/" + token.getString("id")).status());
    }

    @Test
    void tokens_are_checked_when_issued() {
        for (String body : List.of(
                "{\"roles\":[\"worker\"]}",
                "{\"name\":\"x\",\"roles\":[]}",
                "{\"name\":\"x\",\"roles\":[\"root\"]}",
                "{\"name\":\"x\",\"roles\":[\"worker\"],\"queues\":[\"a,b\"]}",
                "{\"name\":\"x\",\"roles\":[\"worker\"],\"expiresAt\":\"2001-01-01T00:00:00Z\"}")) {
            Reply reply = admin.post("tokens", body);
            assertEquals(400, reply.status(), body + " -> " + reply);
            assertEquals("application/problem+json", reply.contentType());
        }
        assertEquals(400, admin.delete("tokens/not-a-uuid").status());
    }

    @Test
    void a_scoped_token_sees_and_works_only_its_queues_and_finds_no_job_of_others() {
        String suffix = UUID.randomUUID().toString();
        String mine = "emails-" + suffix;
        String theirs = "billing-" + suffix;
        String theirJob = created(admin, theirs);
        String myJob = created(admin, mine);
        Api mailer = Api.bearer(admin.post(
                        "tokens", "{\"name\":\"mailer\",\"roles\":[\"worker\",\"viewer\"],\"queues\":[\"emails-*\"]}")
                .object()
                .getString("secret"));

        assertEquals(200, mailer.get("jobs/" + myJob).status());
        Reply hidden = mailer.get("jobs/" + theirJob);
        assertEquals(404, hidden.status());
        assertEquals("job-not-found", hidden.object().getString("type"));
        assertEquals(403, mailer.get("jobs?queue=" + theirs).status());
        assertEquals(
                403,
                mailer.post("queues/" + theirs + "/leases", "{\"worker\":\"m\"}")
                        .status());
        assertEquals(
                1,
                mailer.post("queues/" + mine + "/leases", "{\"worker\":\"m\"}")
                        .array()
                        .size());

        List<String> listedQueues = mailer.get("jobs?limit=500").object().getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getString("queue"))
                .distinct()
                .toList();
        assertTrue(listedQueues.stream().allMatch(queue -> queue.startsWith("emails-")), listedQueues::toString);
        List<String> queues = mailer.get("queues").array().stream()
                .map(queue -> queue.asJsonObject().getString("queue"))
                .toList();
        assertTrue(queues.contains(mine) && !queues.contains(theirs), queues::toString);
    }

    @Test
    void a_realm_user_with_a_queue_group_is_scoped_like_a_token() {
        String suffix = UUID.randomUUID().toString();
        Api scoped = Api.as("scoped"); // groups producer, worker, queue:emails* (arquillian-tests pom)
        assertEquals(
                201,
                scoped.post("queues/emails-" + suffix + "/jobs", "{\"payload\":1}")
                        .status());
        Reply refused = scoped.post("queues/billing-" + suffix + "/jobs", "{\"payload\":1}");
        assertEquals(403, refused.status());
        assertEquals("forbidden", refused.object().getString("type"));
        assertEquals(
                0,
                admin.get("jobs?queue=billing-" + suffix)
                        .object()
                        .getJsonArray("items")
                        .size());
    }

    @Test
    void control_actions_record_who_did_them() {
        String id = created(admin, "audit-" + UUID.randomUUID());
        assertEquals(200, admin.post("jobs/" + id + "/pause", null).status());
        assertEquals(200, admin.post("jobs/" + id + "/cancel", null).status());
        List<String> log = admin.get("jobs/" + id + "/logs").array().stream()
                .map(line -> ((JsonString) line.asJsonObject().get("message")).getString())
                .toList();
        assertEquals(List.of("paused by admin", "cancelled by admin"), log);
    }

    private static String created(Api api, String queue) {
        Reply created = api.post("queues/" + queue + "/jobs", "{\"payload\":1}");
        assertEquals(201, created.status(), created::toString);
        return created.object().getString("id");
    }
}
