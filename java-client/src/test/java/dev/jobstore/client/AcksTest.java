package dev.jobstore.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batch acknowledgements against a loopback server that judges requests as jobstore does: a
 * request naming a job twice is refused whole (400), otherwise each job is stored (or, as a
 * test asks, refused as lease-lost, or the request answered 503 first).
 */
class AcksTest {

    private HttpServer server;
    /** Each request's fulfills, as the server received them. */
    private final List<List<JsonObject>> requests = new CopyOnWriteArrayList<>();

    /** Requests to answer with {@link #problem} first. */
    private final AtomicInteger problems = new AtomicInteger();
    /** The status and type of those answers: 503 as a server that lost its database while committing. */
    private volatile Problem problem = new Problem(503, "database-unavailable");

    private record Problem(int status, String type) {}
    /** Whether the server finds every lease lost (as after an earlier attempt stored the values). */
    private volatile boolean leasesLost;

    private final List<Acknowledgement> acknowledged = new CopyOnWriteArrayList<>();
    private Http http;
    private Acks acks;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/jobs/acknowledgements", exchange -> {
            JsonObject request = Json.createReader(new StringReader(
                            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
                    .readObject();
            List<JsonObject> fulfills = request.getJsonArray("fulfill").getValuesAs(JsonObject.class);
            requests.add(fulfills);
            if (problems.getAndDecrement() > 0) {
                byte[] answer = ("{\"type\":\"" + problem.type() + "\",\"status\":" + problem.status() + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.sendResponseHeaders(problem.status(), answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
                return;
            }
            Set<String> named = new HashSet<>();
            boolean twice = !fulfills.stream().allMatch(job -> named.add(job.getString("id")));
            JsonArrayBuilder jobs = Json.createArrayBuilder();
            fulfills.forEach(job -> {
                JsonObjectBuilder answer = Json.createObjectBuilder()
                        .add("id", job.getString("id"))
                        .add("action", "fulfill");
                jobs.add(
                        leasesLost
                                ? answer.add(
                                        "problem", Json.createObjectBuilder().add("type", "lease-lost"))
                                : answer.add("status", "FULFILLED"));
            });
            byte[] body = (twice
                            ? "{\"type\":\"invalid-request\",\"status\":400,\"detail\":\"a job is named twice\"}"
                            : Json.createObjectBuilder()
                                    .add("jobs", jobs)
                                    .build()
                                    .toString())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", twice ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(twice ? 400 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI api = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
        http = new Http(HttpClient.newHttpClient(), api, null, Duration.ofSeconds(10));
        acks = new Acks(http, acknowledged::add);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void two_answers_for_one_job_go_in_two_requests_the_older_first() throws Exception {
        UUID id = UUID.randomUUID();
        LeasedJob expired = leased(id, "token-1");
        LeasedJob again = leased(id, "token-2"); // the same job leased again by this worker
        acks.fulfill(expired, Json.createValue("first"));
        acks.fulfill(again, Json.createValue("second"));

        sendAll();

        assertEquals(2, requests.size());
        assertEquals("token-1", requests.get(0).get(0).getString("token"));
        assertEquals(1, requests.get(0).size());
        assertEquals("token-2", requests.get(1).get(0).getString("token"));
        assertEquals(
                List.of(expired, again),
                acknowledged.stream().map(Acknowledgement::job).toList());
        acknowledged.forEach(each -> assertEquals(Acknowledgement.Outcome.STORED, each.outcome()));
    }

    @Test
    void a_refusal_after_a_503_is_unknown_since_the_first_attempt_may_have_been_stored() throws Exception {
        problems.set(1);
        leasesLost = true; // the retry finds the job fulfilled by the attempt that answered 503
        LeasedJob job = leased(UUID.randomUUID(), "a");
        acks.fulfill(job, Json.createValue(1));

        sendAll();

        assertEquals(2, requests.size());
        assertEquals(1, acknowledged.size());
        assertEquals(Acknowledgement.Outcome.UNKNOWN, acknowledged.get(0).outcome());
    }

    @Test
    void a_refusal_after_a_conflict_is_refused_since_the_conflicting_attempt_was_rolled_back() throws Exception {
        problems.set(1);
        problem = new Problem(409, "conflict");
        leasesLost = true; // the lease was lost meanwhile: the retry's refusal is the answer
        acks.fulfill(leased(UUID.randomUUID(), "a"), Json.createValue(1));

        sendAll();

        assertEquals(2, requests.size());
        assertEquals(Acknowledgement.Outcome.REFUSED, acknowledged.get(0).outcome());
        assertEquals("lease-lost", acknowledged.get(0).problem());
    }

    @Test
    void a_refusal_without_a_503_before_it_is_reported_as_refused() throws Exception {
        leasesLost = true;
        acks.fulfill(leased(UUID.randomUUID(), "a"), Json.createValue(1));

        sendAll();

        assertEquals(Acknowledgement.Outcome.REFUSED, acknowledged.get(0).outcome());
        assertEquals("lease-lost", acknowledged.get(0).problem());
    }

    @Test
    void answers_for_different_jobs_go_in_one_request() throws Exception {
        acks.fulfill(leased(UUID.randomUUID(), "a"), Json.createValue(1));
        acks.fulfill(leased(UUID.randomUUID(), "b"), Json.createValue(2));

        sendAll();

        assertEquals(1, requests.size());
        assertEquals(2, requests.get(0).size());
    }

    @Test
    void a_callback_that_throws_does_not_stop_the_answers_after_it() throws Exception {
        UUID first = UUID.randomUUID();
        acks = new Acks(http, acknowledgement -> {
            if (acknowledgement.job().id().equals(first)) {
                throw new IllegalStateException("the application's callback failed");
            }
            acknowledged.add(acknowledgement);
        });
        acks.fulfill(leased(first, "a"), Json.createValue(1));
        LeasedJob second = leased(UUID.randomUUID(), "b");
        acks.fulfill(second, Json.createValue(2));

        sendAll();

        assertEquals(
                List.of(second), acknowledged.stream().map(Acknowledgement::job).toList());
    }

    private void sendAll() throws InterruptedException {
        Thread sender = new Thread(acks);
        acks.close(); // sends what is waiting, then stops
        sender.start();
        sender.join(10_000);
    }

    private static LeasedJob leased(UUID id, String token) {
        return LeasedJob.of(Json.createObjectBuilder()
                .add("id", id.toString())
                .add("payload", 1)
                .add("attempts", 1)
                .add(
                        "lease",
                        Json.createObjectBuilder()
                                .add("token", token)
                                .add("fence", 1)
                                .add("expiresAt", Instant.now().plusSeconds(30).toString()))
                .build());
    }
}
