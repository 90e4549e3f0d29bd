package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Api.Reply;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.Fixtures;
import dev.jobstore.it.support.Fixtures.Fixture;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint of the API for every kind of caller: the status each one gets, and for every
 * refused call, that nothing changed. Each cell gets fresh fixtures in a queue of its own.
 */
@ExtendWith(ArquillianExtension.class)
class RoleMatrixIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(RoleMatrixIT.class, Fixtures.class, Fixture.class);
    }

    private static final Set<String> READERS = Set.of("producer", "worker", "viewer");
    private static final Set<String> PRODUCERS = Set.of("producer");
    private static final Set<String> WORKERS = Set.of("worker");
    private static final Set<String> VIEWERS = Set.of("viewer");
    private static final Set<String> ADMINS = Set.of();

    /** How a caller limited to other queues is answered: as when it names a queue, or asks for a job. */
    private static final int NAMES_QUEUE = 403;

    private static final int ADDRESSES_JOB = 404;

    private final Api admin = new Api();
    private final Fixtures fixtures = new Fixtures();

    /** One endpoint: who may call it, its success status, and the answer to an other-queue caller. */
    private record Endpoint(
            String name,
            Set<String> roles,
            Set<Integer> success,
            int otherQueue,
            Supplier<Fixture> fixture,
            BiFunction<Api, Fixture, Reply> call) {}

    private List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        all.add(new Endpoint(
                "create",
                PRODUCERS,
                Set.of(201),
                NAMES_QUEUE,
                fixtures::freshQueue,
                (api, f) -> api.post("queues/" + f.queue() + "/jobs", "{\"payload\":1}")));
        all.add(new Endpoint(
                "create batch",
                PRODUCERS,
                Set.of(201),
                NAMES_QUEUE,
                fixtures::freshQueue,
                (api, f) -> api.post("queues/" + f.queue() + "/jobs/batch", "[{\"payload\":1}]")));
        all.add(new Endpoint(
                "list a queue",
                READERS,
                Set.of(200),
                NAMES_QUEUE,
                fixtures::pending,
                (api, f) -> api.get("jobs?queue=" + f.queue())));
        all.add(new Endpoint("list all", READERS, Set.of(200), 200, fixtures::pending, (api, f) -> api.get("jobs")));
        all.add(new Endpoint(
                "count a queue",
                READERS,
                Set.of(200),
                NAMES_QUEUE,
                fixtures::pending,
                (api, f) -> api.get("jobs/count?queue=" + f.queue())));
        all.add(new Endpoint("me", READERS, Set.of(200), 200, fixtures::freshQueue, (api, f) -> api.get("me")));
        all.add(new Endpoint("workers", READERS, Set.of(200), 200, fixtures::pending, (api, f) -> api.get("workers")));
        all.add(new Endpoint("queues", READERS, Set.of(200), 200, fixtures::pending, (api, f) -> api.get("queues")));
        all.add(new Endpoint("history", READERS, Set.of(200), 200, fixtures::pending, (api, f) -> api.get("history")));
        all.add(new Endpoint(
                "a queue's history",
                READERS,
                Set.of(200),
                NAMES_QUEUE,
                fixtures::pending,
                (api, f) -> api.get("history?queue=" + f.queue())));
        all.add(new Endpoint(
                "get", READERS, Set.of(200), ADDRESSES_JOB, fixtures::pending, (api, f) -> api.get("jobs/" + f.id())));
        all.add(new Endpoint(
                "result",
                READERS,
                Set.of(200),
                ADDRESSES_JOB,
                fixtures::fulfilled,
                (api, f) -> api.get("jobs/" + f.id() + "/result")));
        all.add(new Endpoint(
                "read logs",
                READERS,
                Set.of(200),
                ADDRESSES_JOB,
                fixtures::pending,
                (api, f) -> api.get("jobs/" + f.id() + "/logs")));
        all.add(new Endpoint(
                "pull",
                WORKERS,
                Set.of(200),
                NAMES_QUEUE,
                fixtures::pending,
                (api, f) -> api.post("queues/" + f.queue() + "/leases", "{\"worker\":\"matrix\",\"max\":1}")));
        all.add(new Endpoint(
                "heartbeat",
                WORKERS,
                Set.of(200),
                ADDRESSES_JOB,
                fixtures::leased,
                (api, f) -> api.put("jobs/" + f.id() + "/lease", "{\"token\":\"" + f.token() + "\"}")));
        all.add(new Endpoint(
                "release",
                WORKERS,
                Set.of(204),
                ADDRESSES_JOB,
                fixtures::leased,
                (api, f) -> api.delete("jobs/" + f.id() + "/lease?token=" + f.token())));
        all.add(new Endpoint(
                "fulfill",
                WORKERS,
                Set.of(200),
                ADDRESSES_JOB,
                fixtures::leased,
                (api, f) -> api.send(
                        "PUT",
                        "jobs/" + f.id() + "/result",
                        "text/plain",
                        "done".getBytes(StandardCharsets.UTF_8),
                        "Lease-Token",
                        f.token())));
        all.add(new Endpoint(
                "fail",
                WORKERS,
                Set.of(200),
                ADDRESSES_JOB,
                fixtures::leased,
                (api, f) ->
                        api.post("jobs/" + f.id() + "/failure", "{\"token\":\"" + f.token() + "\",\"error\":\"e\"}")));
        // As bulk control: a job outside the caller's queues is refused in the answer (job-not-found).
        all.add(new Endpoint(
                "batch acknowledgement",
                WORKERS,
                Set.of(200),
                200,
                fixtures::leased,
                (api, f) -> api.post(
                        "jobs/acknowledgements",
                        "{\"fulfill\":[{\"id\":\"" + f.id() + "\",\"token\":\"" + f.token() + "\",\"value\":1}]}")));
        all.add(new Endpoint(
                "batch heartbeat",
                WORKERS,
                Set.of(200),
                200,
                fixtures::leased,
                (api, f) -> api.post(
                        "jobs/heartbeats",
                        "{\"jobs\":[{\"id\":\"" + f.id() + "\",\"token\":\"" + f.token() + "\"}]}")));
        all.add(new Endpoint(
                "progress",
                WORKERS,
                Set.of(200),
                ADDRESSES_JOB,
                fixtures::leased,
                (api, f) -> api.post(
                        "jobs/" + f.id() + "/progress",
                        "{\"token\":\"" + f.token() + "\",\"completed\":1,\"total\":2}")));
        all.add(new Endpoint(
                "append log",
                WORKERS,
                Set.of(201),
                ADDRESSES_JOB,
                fixtures::pending,
                (api, f) -> api.post("jobs/" + f.id() + "/logs", "{\"message\":\"m\"}")));
        all.add(new Endpoint(
                "cancel",
                ADMINS,
                Set.of(200),
                ADDRESSES_JOB,
                fixtures::pending,
                (api, f) -> api.post("jobs/" + f.id() + "/cancel", null)));
        all.add(new Endpoint(
                "pause",
                ADMINS,
                Set.of(200),
                ADDRESSES_JOB,
                fixtures::pending,
                (api, f) -> api.post("jobs/" + f.id() + "/pause", null)));
        all.add(new Endpoint(
                "resume",
                ADMINS,
                Set.of(200),
                ADDRESSES_JOB,
                fixtures::paused,
                (api, f) -> api.post("jobs/" + f.id() + "/resume", null)));
        all.add(new Endpoint(
                "restart",
                ADMINS,
                Set.of(200),
                ADDRESSES_JOB,
                fixtures::cancelled,
                (api, f) -> api.post("jobs/" + f.id() + "/restart", null)));
        all.add(new Endpoint(
                "rerun",
                ADMINS,
                Set.of(201),
                ADDRESSES_JOB,
                fixtures::fulfilled,
                (api, f) -> api.post("jobs/" + f.id() + "/rerun", null)));
        all.add(new Endpoint(
                "remove",
                ADMINS,
                Set.of(204),
                ADDRESSES_JOB,
                fixtures::pending,
                (api, f) -> api.delete("jobs/" + f.id())));
        // A job outside the caller's queues is refused in the answer (job-not-found), like any job
        // the action does not fit: the call itself succeeds and changes nothing.
        all.add(new Endpoint(
                "bulk on ids",
                ADMINS,
                Set.of(200),
                200,
                fixtures::pending,
                (api, f) -> api.post("jobs/bulk", "{\"action\":\"cancel\",\"ids\":[\"" + f.id() + "\"]}")));
        all.add(new Endpoint(
                "bulk on a filter",
                ADMINS,
                Set.of(200),
                NAMES_QUEUE,
                fixtures::pending,
                (api, f) ->
                        api.post("jobs/bulk", "{\"action\":\"cancel\",\"filter\":{\"queue\":\"" + f.queue() + "\"}}")));
        // The target is not DEAD: an admin is answered 409, which is past every role and scope check.
        all.add(new Endpoint(
                "retry target",
                ADMINS,
                Set.of(409),
                ADDRESSES_JOB,
                this::withTargetDelivery,
                (api, f) -> api.post("jobs/" + f.id() + "/targets/" + f.extra() + "/retry", null)));
        all.add(new Endpoint(
                "queue target",
                PRODUCERS,
                Set.of(201),
                ADDRESSES_JOB,
                fixtures::pending,
                (api, f) -> api.post("jobs/" + f.id() + "/targets", "{\"to\":\"x\"}")));
        all.add(new Endpoint(
                "unqueue targets",
                PRODUCERS,
                Set.of(200),
                ADDRESSES_JOB,
                fixtures::withTarget,
                (api, f) -> api.send(
                        "DELETE",
                        "jobs/" + f.id() + "/targets",
                        "application/json",
                        "[{\"to\":\"matrix\"}]".getBytes(StandardCharsets.UTF_8))));
        all.add(new Endpoint(
                "pull notification",
                WORKERS,
                Set.of(200, 204),
                NAMES_QUEUE,
                fixtures::freshQueue,
                (api, f) -> api.post("notifications/leases", "{\"worker\":\"matrix\",\"lease\":\"PT1S\"}")));
        all.add(new Endpoint(
                "notification done",
                WORKERS,
                Set.of(204),
                ADDRESSES_JOB,
                fixtures::notificationLeased,
                (api, f) -> api.post(
                        "notifications/" + f.id() + "/done",
                        "{\"token\":\"" + f.token() + "\",\"delivered\":[{\"to\":\"matrix\"}]}")));
        all.add(new Endpoint(
                "pause queue",
                ADMINS,
                Set.of(200),
                NAMES_QUEUE,
                fixtures::pending,
                (api, f) -> api.post("queues/" + f.queue() + "/pause", null)));
        all.add(new Endpoint(
                "resume queue",
                ADMINS,
                Set.of(200),
                NAMES_QUEUE,
                fixtures::pending,
                (api, f) -> api.post("queues/" + f.queue() + "/resume", null)));
        all.add(new Endpoint(
                "issue token",
                ADMINS,
                Set.of(201),
                NAMES_QUEUE,
                fixtures::freshQueue,
                (api, f) -> api.post("tokens", "{\"name\":\"matrix\",\"roles\":[\"viewer\"]}")));
        all.add(new Endpoint(
                "list tokens", ADMINS, Set.of(200), NAMES_QUEUE, fixtures::freshQueue, (api, f) -> api.get("tokens")));
        all.add(new Endpoint(
                "revoke token",
                ADMINS,
                Set.of(204),
                NAMES_QUEUE,
                fixtures::token,
                (api, f) -> api.delete("tokens/" + f.extra())));
        all.add(new Endpoint(
                "batch jobs", VIEWERS, Set.of(200), 200, fixtures::freshQueue, (api, f) -> api.get("batch/jobs")));
        all.add(new Endpoint(
                "batch executions",
                VIEWERS,
                Set.of(200),
                200,
                fixtures::freshQueue,
                (api, f) -> api.get("batch/executions?limit=5")));
        all.add(new Endpoint(
                "batch execution",
                VIEWERS,
                Set.of(200),
                200,
                fixtures::batchExecution,
                (api, f) -> api.get("batch/executions/" + f.extra())));
        all.add(new Endpoint(
                "start batch job",
                ADMINS,
                Set.of(201),
                NAMES_QUEUE,
                fixtures::freshQueue,
                (api, f) -> api.post(
                        "batch/jobs/prune-finished-jobs/executions",
                        "{\"parameters\":{\"fulfilled\":\"0\",\"failed\":\"0\",\"cancelled\":\"0\"}}")));
        all.add(new Endpoint(
                "stop batch execution (a finished one: 409)",
                ADMINS,
                Set.of(409),
                NAMES_QUEUE,
                fixtures::batchExecution,
                (api, f) -> api.post("batch/executions/" + f.extra() + "/stop", "")));
        all.add(new Endpoint(
                "restart batch execution (a finished one: 409)",
                ADMINS,
                Set.of(409),
                NAMES_QUEUE,
                fixtures::batchExecution,
                (api, f) -> api.post("batch/executions/" + f.extra() + "/restart", "")));
        return all;
    }

    private Fixture withTargetDelivery() {
        Fixture job = fixtures.withTarget();
        return job.withExtra(admin.get("jobs/" + job.id())
                .object()
                .getJsonArray("targets")
                .getJsonObject(0)
                .getString("deliveryId"));
    }

    /** The callers, each with the roles it has (null: not authenticated at all). */
    private Map<String, Caller> callers() {
        Map<String, Caller> callers = new LinkedHashMap<>();
        callers.put("no credentials", new Caller(Api.anonymous(), null, false));
        callers.put("wrong password", new Caller(Api.as("admin", "not-the-password"), null, false));
        callers.put("revoked token", new Caller(Api.bearer(revokedToken()), null, false));
        callers.put("expired token", new Caller(Api.bearer(expiredToken()), null, false));
        callers.put("producer", new Caller(Api.as("producer"), Set.of("producer"), false));
        callers.put("worker", new Caller(Api.as("worker"), Set.of("worker"), false));
        callers.put("viewer", new Caller(Api.as("viewer"), Set.of("viewer"), false));
        callers.put("admin", new Caller(admin, Set.of("admin"), false));
        callers.put(
                "admin token for other queues",
                new Caller(Api.bearer(issue("[\"admin\"]", "[\"other-*\"]", null)), Set.of("admin"), true));
        return callers;
    }

    private record Caller(Api api, Set<String> roles, boolean otherQueues) {

        int expected(Endpoint endpoint, int success) {
            if (roles == null) {
                return 401;
            }
            if (!roles.contains("admin") && endpoint.roles().stream().noneMatch(roles::contains)) {
                return 403;
            }
            return otherQueues ? endpoint.otherQueue() : success;
        }
    }

    @AfterEach
    void removeNotifyingJobs() {
        fixtures.removeNotifying();
    }

    @Test
    void every_endpoint_answers_every_caller_as_its_roles_allow_and_a_refused_call_changes_nothing() {
        Map<String, Caller> callers = callers();
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Endpoint endpoint : endpoints()) {
            for (Map.Entry<String, Caller> entry : callers.entrySet()) {
                cells++;
                Fixture fixture = endpoint.fixture().get();
                String before = fixtures.state(fixture);
                Reply reply = endpoint.call().apply(entry.getValue().api(), fixture);
                int success = endpoint.success().contains(reply.status())
                        ? reply.status()
                        : endpoint.success().iterator().next();
                int expected = entry.getValue().expected(endpoint, success);
                String cell = endpoint.name() + " as " + entry.getKey();
                if (reply.status() != expected) {
                    wrong.add(cell + ": expected " + expected + ", got " + reply);
                } else if (expected >= 400) {
                    if (!reply.contentType().startsWith("application/problem+json")) {
                        wrong.add(cell + ": a " + expected + " without a problem body: " + reply);
                    }
                    String after = fixtures.state(fixture);
                    if (!after.equals(before)) {
                        wrong.add(
                                cell + ": refused, yet the state changed:\n  before " + before + "\n  after  " + after);
                    }
                }
            }
        }
        System.out.println("Role matrix: " + endpoints().size() + " endpoints x " + callers.size() + " callers = "
                + cells + " cells");
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + cells + " cells are wrong:\n" + String.join("\n", wrong));
    }

    private String issue(String roles, String queues, Instant expiresAt) {
        return issued(roles, queues, expiresAt).getString("secret");
    }

    /** The issue answer: the token's id and its secret. */
    private JsonObject issued(String roles, String queues, Instant expiresAt) {
        Reply issued = admin.post(
                "tokens",
                "{\"name\":\"matrix\",\"roles\":" + roles + (queues == null ? "" : ",\"queues\":" + queues)
                        + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"") + "}");
        assertEquals(201, issued.status(), issued::toString);
        return issued.object();
    }

    private String revokedToken() {
        JsonObject token = issued("[\"admin\"]", null, null);
        String secret = token.getString("secret");
        String id = token.getString("id");
        assertEquals(200, Api.bearer(secret).get("queues").status());
        assertEquals(204, admin.delete("tokens/" + id).status());
        return secret;
    }

    private String expiredToken() {
        String secret = issue("[\"admin\"]", null, Instant.now().plusSeconds(2));
        assertEquals(200, Api.bearer(secret).get("queues").status());
        Await.until(
                "the token to expire",
                Duration.ofSeconds(30),
                () -> Api.bearer(secret).get("queues").status(),
                status -> status == 401);
        return secret;
    }
}
