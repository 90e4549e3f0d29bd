package dev.jobstore.it;

import static dev.jobstore.it.support.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Api.Reply;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.ProblemAssert;
import dev.jobstore.it.support.StorageCases;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Batch acknowledgement and batch heartbeat over HTTP: each job judged by its own token. */
@ExtendWith(ArquillianExtension.class)
class LeaseBatchIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(
                LeaseBatchIT.class, ProblemAssert.class, StorageCases.class, StorageCases.Implementation.class);
    }

    private static final byte[] PNG_HEADER = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff};

    @Inject
    StorageCases cases;

    private final Api api = new Api();
    private final String queue = "acks-" + UUID.randomUUID();

    /** Creates {@code count} jobs and leases them all: each as {id, token}. */
    private List<Held> createAndLease(int count) {
        for (int i = 0; i < count; i++) {
            assertEquals(
                    201,
                    api.post("queues/" + queue + "/jobs", "{\"payload\":" + i + "}")
                            .status());
        }
        Reply pulled = api.post(
                "queues/" + queue + "/leases", "{\"worker\":\"batcher\",\"max\":" + count + ",\"lease\":\"PT1M\"}");
        assertEquals(count, pulled.array().size(), pulled::toString);
        return pulled.array().getValuesAs(JsonObject.class).stream()
                .map(job ->
                        new Held(job.getString("id"), job.getJsonObject("lease").getString("token")))
                .toList();
    }

    private record Held(String id, String token) {
        String json(String more) {
            return "{\"id\":\"" + id + "\",\"token\":\"" + token + "\"" + more + "}";
        }
    }

    private String status(Held job) {
        return api.get("jobs/" + job.id()).object().getString("status");
    }

    private static JsonObject answerFor(Reply reply, int index) {
        return reply.object().getJsonArray("jobs").getJsonObject(index);
    }

    @Test
    void a_mix_of_valid_stale_and_unknown_tokens_stores_exactly_the_valid_ones() {
        List<Held> jobs = createAndLease(6);
        Held json = jobs.get(0);
        Held bytes = jobs.get(1);
        Held staleFulfill = jobs.get(2);
        Held failed = jobs.get(3);
        Held staleRelease = jobs.get(4);
        Held released = jobs.get(5);
        String unknown = UUID.randomUUID().toString();
        String base64 = Base64.getEncoder().encodeToString(PNG_HEADER);

        Reply reply = api.post(
                "jobs/acknowledgements",
                "{\"fulfill\":["
                        + json.json(",\"value\":{\"apples\":42}") + ","
                        + bytes.json(",\"base64\":\"" + base64 + "\",\"contentType\":\"image/png\"") + ","
                        + new Held(staleFulfill.id(), "stale-token").json(",\"value\":\"late\"") + ","
                        + new Held(unknown, "any").json(",\"value\":1") + "],"
                        + "\"fail\":[" + failed.json(",\"error\":\"out of ink\",\"retry\":false") + "],"
                        + "\"release\":[" + new Held(staleRelease.id(), "stale-token").json("") + ","
                        + released.json("") + "]}");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(4, reply.object().getInt("stored"), reply::toString);
        assertEquals(3, reply.object().getInt("refused"), reply::toString);
        JsonArray answers = reply.object().getJsonArray("jobs");
        assertEquals(7, answers.size());
        assertEquals(
                List.of("fulfill", "fulfill", "fulfill", "fulfill", "fail", "release", "release"),
                answers.getValuesAs(JsonObject.class).stream()
                        .map(a -> a.getString("action"))
                        .toList());
        assertEquals("FULFILLED", answerFor(reply, 0).getString("status"));
        assertEquals("FULFILLED", answerFor(reply, 1).getString("status"));
        assertEquals("lease-lost", answerFor(reply, 2).getJsonObject("problem").getString("type"));
        assertEquals(unknown, answerFor(reply, 3).getString("id"));
        assertEquals(
                "job-not-found", answerFor(reply, 3).getJsonObject("problem").getString("type"));
        assertEquals("FAILED", answerFor(reply, 4).getString("status"));
        assertEquals("lease-lost", answerFor(reply, 5).getJsonObject("problem").getString("type"));
        assertEquals("PENDING", answerFor(reply, 6).getString("status"));
        assertFalse(answerFor(reply, 0).containsKey("problem"));

        Reply jsonResult = api.get("jobs/" + json.id() + "/result");
        assertEquals("{\"apples\":42}", jsonResult.text());
        assertEquals("application/json", jsonResult.contentType());
        Reply bytesResult = api.get("jobs/" + bytes.id() + "/result");
        assertArrayEquals(PNG_HEADER, bytesResult.body());
        assertEquals("image/png", bytesResult.contentType());
        assertEquals("RUNNING", status(staleFulfill), "a stale token changed its job");
        assertEquals("RUNNING", status(staleRelease), "a stale token changed its job");
        assertEquals("FAILED", status(failed));
        assertEquals("PENDING", status(released));

        // The refused holders still hold their leases: their real tokens work.
        Reply later = api.post(
                "jobs/acknowledgements",
                "{\"fulfill\":[" + staleFulfill.json(",\"value\":\"on time\"") + "],\"release\":["
                        + staleRelease.json("") + "]}");
        assertEquals(2, later.object().getInt("stored"), later::toString);
        assertEquals(
                "\"on time\"", api.get("jobs/" + staleFulfill.id() + "/result").text());
    }

    @Test
    void a_value_over_the_result_limit_refuses_that_job_alone() {
        List<Held> jobs = createAndLease(2);
        String tooLarge = Base64.getEncoder().encodeToString(new byte[1_048_577]); // jobstore.limits.result-bytes + 1

        Reply reply = api.post(
                "jobs/acknowledgements",
                "{\"fulfill\":[" + jobs.get(0).json(",\"base64\":\"" + tooLarge + "\"") + ","
                        + jobs.get(1).json(",\"value\":true") + "]}");

        assertEquals(200, reply.status(), reply::toString);
        JsonObject problem = answerFor(reply, 0).getJsonObject("problem");
        assertEquals("payload-too-large", problem.getString("type"));
        assertTrue(problem.getString("detail").contains("jobstore.limits.result-bytes"), problem::toString);
        assertEquals("FULFILLED", answerFor(reply, 1).getString("status"));
        assertEquals("RUNNING", status(jobs.get(0)));
    }

    @Test
    void a_malformed_batch_is_refused_whole_and_changes_nothing() {
        List<Held> jobs = createAndLease(2);
        Held one = jobs.get(0);
        Held two = jobs.get(1);
        String fulfillTwo = two.json(",\"value\":2");

        assertAll(
                problem(api.post("jobs/acknowledgements", "{}"), 400, "invalid-request", "between 1 and 1000"),
                problem(
                        api.post(
                                "jobs/acknowledgements",
                                "{\"fulfill\":[" + fulfillTwo + "],\"release\":[" + two.json("") + "]}"),
                        400,
                        "invalid-request",
                        "named twice"),
                problem(
                        api.post(
                                "jobs/acknowledgements",
                                "{\"fulfill\":[" + fulfillTwo + ",{\"id\":\"" + one.id() + "\",\"value\":1}]}"),
                        400,
                        "invalid-request",
                        "lease token"),
                problem(
                        api.post(
                                "jobs/acknowledgements",
                                "{\"fulfill\":[" + fulfillTwo + "," + one.json(",\"value\":1,\"base64\":\"AA==\"")
                                        + "]}"),
                        400,
                        "invalid-request",
                        "not both"),
                problem(
                        api.post("jobs/acknowledgements", "{\"fulfill\":[" + one.json(",\"base64\":\"***\"") + "]}"),
                        400,
                        "invalid-request",
                        "Base64"),
                problem(
                        api.post("jobs/acknowledgements", "{\"fulfill\":[" + one.json(",\"valeu\":1") + "]}"),
                        400,
                        "malformed-request",
                        "valeu"),
                problem(
                        api.post("jobs/acknowledgements", "{\"fulfill\":[{\"id\":\"nope\",\"token\":\"t\"}]}"),
                        400,
                        "malformed-request",
                        ""),
                problem(
                        api.post("jobs/heartbeats", "{\"jobs\":[" + one.json("") + "],\"lease\":\"PT0S\"}"),
                        400,
                        "invalid-request",
                        "lease"));
        assertEquals("RUNNING", status(one));
        assertEquals("RUNNING", status(two));
    }

    @Test
    void a_caller_limited_to_other_queues_finds_none_of_this_queues_jobs() {
        Held job = createAndLease(1).get(0);
        Reply issued =
                api.post("tokens", "{\"name\":\"elsewhere\",\"roles\":[\"worker\"],\"queues\":[\"elsewhere-*\"]}");
        assertEquals(201, issued.status(), issued::toString);
        Api elsewhere = Api.bearer(issued.object().getString("secret"));

        Reply acknowledged =
                elsewhere.post("jobs/acknowledgements", "{\"fulfill\":[" + job.json(",\"value\":1") + "]}");
        Reply heartbeat = elsewhere.post("jobs/heartbeats", "{\"jobs\":[" + job.json("") + "]}");
        // A wrong token must not tell such a caller the job exists either (lease-lost would)
        Held wrong = new Held(job.id(), "wrong-token");
        Reply wrongTokens =
                elsewhere.post("jobs/acknowledgements", "{\"fail\":[" + wrong.json(",\"error\":\"e\"") + "]}");
        Reply wrongRelease = elsewhere.post("jobs/acknowledgements", "{\"release\":[" + wrong.json("") + "]}");

        for (Reply reply : List.of(acknowledged, heartbeat, wrongTokens, wrongRelease)) {
            assertEquals(200, reply.status(), reply::toString);
            assertEquals(0, reply.object().getInt("stored"), reply::toString);
            assertEquals(
                    "job-not-found",
                    answerFor(reply, 0).getJsonObject("problem").getString("type"),
                    reply::toString);
        }
        Reply single = elsewhere.send(
                "PUT",
                "jobs/" + job.id() + "/result",
                "application/json",
                "1".getBytes(StandardCharsets.UTF_8),
                "Lease-Token",
                "wrong-token");
        assertEquals(404, single.status(), single::toString);
        assertEquals("RUNNING", status(job));
    }

    @Test
    void a_batch_heartbeat_extends_the_valid_leases_and_refuses_the_stale_one() {
        List<Held> jobs = createAndLease(3);
        Instant before = Instant.now();

        Reply reply = api.post(
                "jobs/heartbeats",
                "{\"lease\":\"PT10M\",\"jobs\":[" + jobs.get(0).json("") + ","
                        + new Held(jobs.get(1).id(), "stale").json("") + ","
                        + jobs.get(2).json("") + "]}");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(2, reply.object().getInt("stored"));
        assertEquals(1, reply.object().getInt("refused"));
        for (int i : new int[] {0, 2}) {
            Instant answered = Instant.parse(answerFor(reply, i).getString("expiresAt"));
            assertTrue(answered.isAfter(before.plus(Duration.ofMinutes(9))), reply::toString);
            Instant stored = Instant.parse(api.get("jobs/" + jobs.get(i).id())
                    .object()
                    .getJsonObject("lease")
                    .getString("expiresAt"));
            assertEquals(answered, stored);
        }
        assertEquals("lease-lost", answerFor(reply, 1).getJsonObject("problem").getString("type"));
        Instant untouched = Instant.parse(api.get("jobs/" + jobs.get(1).id())
                .object()
                .getJsonObject("lease")
                .getString("expiresAt"));
        assertTrue(untouched.isBefore(before.plus(Duration.ofMinutes(2))), "the stale heartbeat extended the lease");
    }

    @Test
    void a_batch_heartbeat_does_not_wait_for_a_job_another_transaction_is_writing() throws Exception {
        List<Held> jobs = createAndLease(2);
        Held busy = jobs.get(0);
        Instant leasedUntil = expiresAt(busy);

        Reply reply = whileAnotherTransactionWrites(
                List.of(busy),
                "jobs/heartbeats",
                "{\"lease\":\"PT10M\",\"jobs\":[" + busy.json("") + ","
                        + jobs.get(1).json("") + "]}");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(leasedUntil, Instant.parse(answerFor(reply, 0).getString("expiresAt")), reply::toString);
        assertTrue(
                Instant.parse(answerFor(reply, 1).getString("expiresAt"))
                        .isAfter(leasedUntil.plus(Duration.ofMinutes(5))),
                reply::toString);
        assertEquals(leasedUntil, expiresAt(busy), "the busy lease was extended behind the writer's back");

        Reply next = api.post("jobs/heartbeats", "{\"lease\":\"PT10M\",\"jobs\":[" + busy.json("") + "]}");
        Instant extended = Instant.parse(answerFor(next, 0).getString("expiresAt"));
        assertTrue(extended.isAfter(leasedUntil.plus(Duration.ofMinutes(5))), next::toString);
        assertEquals(extended, expiresAt(busy));
    }

    // A lapsed token must not wait for (nor lock) the row its job's current holder is writing:
    // two acknowledgements, one with current leases and one with lapsed ones, could otherwise
    // each hold a row the other waits for.
    @Test
    void an_acknowledgement_with_lapsed_tokens_does_not_wait_for_the_current_holders_write() throws Exception {
        List<Held> jobs = createAndLease(4);
        Held valid = jobs.get(3);

        Reply reply = whileAnotherTransactionWrites(
                jobs.subList(0, 3),
                "jobs/acknowledgements",
                "{\"fulfill\":[" + new Held(jobs.get(0).id(), "lapsed").json(",\"value\":1") + ","
                        + valid.json(",\"value\":2") + "],"
                        + "\"fail\":[" + new Held(jobs.get(1).id(), "lapsed").json(",\"error\":\"late\"") + "],"
                        + "\"release\":[" + new Held(jobs.get(2).id(), "lapsed").json("") + "]}");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(1, reply.object().getInt("stored"), reply::toString);
        for (int i : new int[] {0, 2, 3}) {
            assertEquals(
                    "lease-lost", answerFor(reply, i).getJsonObject("problem").getString("type"), reply::toString);
        }
        assertEquals("FULFILLED", answerFor(reply, 1).getString("status"), reply::toString);
        for (Held untouched : jobs.subList(0, 3)) {
            assertEquals("RUNNING", status(untouched), "a lapsed token changed its job");
        }
    }

    /**
     * Sends {@code body} to {@code path} while another transaction holds the rows of {@code
     * busy} locked, as a write that takes its time; answers the reply, which must come within 10
     * seconds, before that transaction ends.
     */
    private Reply whileAnotherTransactionWrites(List<Held> busy, String path, String body) throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch unlock = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = threads.submit(() -> cases.inTransaction(() -> {
                List<UUID> ids =
                        busy.stream().map(job -> UUID.fromString(job.id())).toList();
                assertEquals(
                        ids.size(),
                        cases.implementations()
                                .get(0)
                                .storage()
                                .lockUnlessBusy(ids)
                                .size());
                locked.countDown();
                unlock.await();
                return null;
            }));
            assertTrue(locked.await(20, TimeUnit.SECONDS), "the writer never locked the jobs");
            Future<Reply> request = threads.submit(() -> api.post(path, body));
            Reply reply;
            try {
                reply = request.get(10, TimeUnit.SECONDS); // it would wait for the writer's commit
            } finally {
                unlock.countDown();
            }
            writer.get(20, TimeUnit.SECONDS);
            return reply;
        } finally {
            unlock.countDown();
            threads.shutdownNow();
        }
    }

    private Instant expiresAt(Held job) {
        return Instant.parse(
                api.get("jobs/" + job.id()).object().getJsonObject("lease").getString("expiresAt"));
    }
}
