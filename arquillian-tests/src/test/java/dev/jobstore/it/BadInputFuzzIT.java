package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.Fixtures;
import dev.jobstore.it.support.Fixtures.Fixture;
import dev.jobstore.it.support.RawHttp;
import dev.jobstore.it.support.RawHttp.Answer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Thousands of generated requests across every endpoint, as careless or hostile clients send
 * them: malformed JSON, wrong types, out-of-range values, bad ids and queue names, wrong
 * credentials, oversized bodies, wrong methods and content types. None may get a 5xx, a stack
 * trace or a 4xx without a problem body, and the fixture jobs made before must be unchanged.
 * The run is seeded ({@code -Dfuzz.seed=}, or {@code random}) so that a failure can be replayed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient // a client on the wire, and -Dfuzz.* reach it from the Maven command line
class BadInputFuzzIT {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 3000);

    /** CI runs one fixed sequence, so that its result is reproducible; {@code -Dfuzz.seed=random} explores. */
    private static final long DEFAULT_SEED = 3440162839217L;

    private static final Pattern STACK_TRACE = Pattern.compile("\\tat |Exception:|\\.java:\\d+\\)|Caused by");

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(
                BadInputFuzzIT.class, Fixtures.class, Fixture.class, RawHttp.class, RawHttp.Answer.class);
    }

    /**
     * A route; {@code fenced}: with its own method it changes a job only with the job's lease
     * token, which the fuzz never has, so any caller may send it to a fixture job.
     */
    private record Route(String method, String path, boolean fenced, String body) {}

    private static final List<Route> ROUTES = List.of(
            new Route(
                    "POST",
                    "queues/{queue}/jobs",
                    false,
                    "{\"payload\":{\"n\":1},\"priority\":1,\"maxAttempts\":2,\"delay\":\"PT1S\",\"key\":\"k\"}"),
            new Route(
                    "POST",
                    "queues/{queue}/jobs/batch",
                    false,
                    "[{\"payload\":1},{\"payload\":2,\"backoff\":{\"initial\":\"PT1S\",\"multiplier\":2.0}}]"),
            new Route("POST", "queues/{queue}/leases", false, "{\"worker\":\"fuzz\",\"max\":2,\"lease\":\"PT1S\"}"),
            new Route("POST", "queues/{queue}/pause", false, null),
            new Route("POST", "queues/{queue}/resume", false, null),
            new Route("GET", "queues", true, null),
            new Route("GET", "jobs?queue={queue}&status={word}&limit={number}&after={id}", true, null),
            new Route("GET", "jobs/{id}", true, null),
            new Route("GET", "jobs/{id}/result", true, null),
            new Route("GET", "jobs/{id}/logs", true, null),
            new Route("PUT", "jobs/{id}/result", true, "{\"value\":1}"),
            new Route("PUT", "jobs/{id}/lease", true, "{\"token\":\"{word}\",\"lease\":\"PT1M\"}"),
            new Route("DELETE", "jobs/{id}/lease?token={word}", true, null),
            new Route("POST", "jobs/{id}/failure", true, "{\"token\":\"{word}\",\"error\":\"e\",\"retry\":false}"),
            new Route("POST", "jobs/{id}/progress", true, "{\"token\":\"{word}\",\"completed\":1,\"total\":2}"),
            new Route("POST", "jobs/{id}/logs", false, "{\"level\":\"warn\",\"message\":\"m\",\"data\":{\"a\":1}}"),
            new Route("POST", "jobs/{id}/cancel", false, null),
            new Route("POST", "jobs/{id}/pause", false, null),
            new Route("POST", "jobs/{id}/resume", false, null),
            new Route("POST", "jobs/{id}/restart", false, null),
            new Route("POST", "jobs/{id}/rerun", false, null),
            new Route("DELETE", "jobs/{id}?force={word}", false, null),
            new Route("POST", "jobs/{id}/targets", false, "{\"url\":\"http://127.0.0.1:1/x\"}"),
            new Route("DELETE", "jobs/{id}/targets", false, "[{\"to\":\"x\"}]"),
            new Route("POST", "notifications/leases", false, "{\"worker\":\"fuzz\",\"lease\":\"PT1S\"}"),
            new Route("POST", "notifications/{id}/done", true, "{\"token\":\"{word}\",\"delivered\":[1]}"),
            new Route("POST", "tokens", false, "{\"name\":\"fuzz\",\"roles\":[\"viewer\"],\"queues\":[\"fuzz-*\"]}"),
            new Route("GET", "tokens", true, null),
            new Route("DELETE", "tokens/{id}", false, null));

    /** Credentials that may change nothing, and those that may. */
    private static final List<String> UNPRIVILEGED = List.of(
            "",
            basic("admin", "wrong"),
            "Bearer jst_nonsense",
            "Bearer ",
            "Basic !!!",
            basic("viewer", "viewer"),
            "Digest x",
            "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', 0}));

    private static final List<String> PRIVILEGED =
            List.of(basic("producer", "producer"), basic("worker", "worker"), basic("admin", "admin"));

    private static final List<String> BAD_IDS = List.of(
            "not-a-uuid",
            "%ZZ",
            "%",
            "..",
            "../../WEB-INF/web.xml",
            "x".repeat(3000),
            "%00",
            "1234",
            "%2e%2e",
            "00000000-0000-0000-0000-00000000000g",
            "%E2%82",
            "a%2Fb",
            "-1",
            "");

    private static final List<String> BAD_QUEUES =
            List.of("bad%20name", "%ZZ", "%C3%BC", "x".repeat(200), "..", "a%2Fb", "%00", "*", "");

    private static final List<String> WORDS =
            List.of("", "true", "maybe", "PENDING", "NOPE", "%ZZ", "x".repeat(500), "null", "-1", "1e999", "%00");

    private static final List<String> NUMBERS = List.of("-1", "0", "1", "501", "abc", "1.5", "99999999999999", "");

    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json",
            "application/json",
            "text/plain",
            "application/xml",
            "",
            "garbage",
            "application/json; charset=nonsense",
            "application/json; charset=utf-16",
            "application/merge-patch+json");

    private static final List<String> METHODS =
            List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "FOO");

    private static final List<String> SCALARS = List.of(
            "1",
            "-1",
            "1.5",
            "1e308",
            "-1e308",
            "99999999999999999999999",
            "true",
            "false",
            "\"yes\"",
            "null",
            "{}",
            "[]",
            "\"PT-1S\"",
            "\"P99999999999D\"",
            "\"\"",
            "\" \"",
            "\"\\u0000\"",
            "\"2030-13-45T99:00:00Z\"",
            "\"" + "y".repeat(10_000) + "\"");

    private final Api admin = new Api();
    private final Fixtures fixtures = new Fixtures();
    private final RawHttp raw = new RawHttp();

    @Test
    void bad_input_never_gets_a_5xx_a_stack_trace_or_a_bare_4xx_and_changes_no_fixture() {
        long seed = "random".equals(System.getProperty("fuzz.seed"))
                ? System.nanoTime()
                : Long.getLong("fuzz.seed", DEFAULT_SEED);
        Random random = new Random(seed);
        List<Fixture> fixtureJobs =
                List.of(fixtures.pending(), fixtures.leased(), fixtures.fulfilled(), fixtures.paused());
        Map<String, String> before = snapshot(fixtureJobs);

        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Route route = ROUTES.get(random.nextInt(ROUTES.size()));
            Fixture target = fixtureJobs.get(random.nextInt(fixtureJobs.size()));
            boolean onFixture = random.nextInt(3) == 0;
            String method = random.nextInt(8) == 0 ? pick(random, METHODS) : route.method();
            boolean mayChange = !route.fenced() || !method.equals(route.method());
            String credentials = onFixture && mayChange || random.nextBoolean()
                    ? pick(random, UNPRIVILEGED)
                    : pick(random, PRIVILEGED);
            String path = route.path()
                    .replace(
                            "{id}",
                            onFixture
                                    ? target.id()
                                    : random.nextBoolean() ? UUID.randomUUID().toString() : pick(random, BAD_IDS))
                    .replace(
                            "{queue}",
                            onFixture
                                    ? target.queue()
                                    : random.nextBoolean() ? "fuzz-" + random.nextInt(20) : pick(random, BAD_QUEUES))
                    .replace("{word}", pick(random, WORDS))
                    .replace("{number}", pick(random, NUMBERS));
            byte[] body = body(random, route);
            String contentType = body == null ? "" : pick(random, CONTENT_TYPES);
            List<String> headers = new ArrayList<>();
            if (!credentials.isEmpty()) {
                headers.addAll(List.of("Authorization", credentials));
            }
            if (!contentType.isEmpty()) {
                headers.addAll(List.of("Content-Type", contentType));
            }
            if (route.path().endsWith("/result") && route.method().equals("PUT")) {
                headers.addAll(List.of(
                        "Lease-Token",
                        pick(random, List.of("t", "%ZZ", UUID.randomUUID().toString()))));
            }
            // A space would end the request line: any client sends it encoded.
            Answer answer =
                    raw.send(method, "/jobstore/api/" + path.replace(" ", "%20"), body, headers.toArray(String[]::new));
            byStatus.merge(answer.status(), 1, Integer::sum);
            String problem = check(method, answer);
            if (problem != null && wrong.size() < 40) {
                wrong.add(problem + "\n    request: " + method + " " + abbreviate(path) + " [" + contentType + "] "
                        + abbreviate(body == null ? "" : new String(body, StandardCharsets.UTF_8)) + "\n    answer: "
                        + abbreviate(answer.toString()));
            }
        }
        System.out.println("Bad-input fuzz (seed " + seed + "): " + REQUESTS + " requests over " + ROUTES.size()
                + " routes; answers by status " + byStatus);
        assertTrue(wrong.isEmpty(), wrong.size() + " bad answers (seed " + seed + "):\n" + String.join("\n", wrong));
        assertEquals(before, snapshot(fixtureJobs), "a fixture job changed");
    }

    /** What is wrong with an answer, or null. */
    private static String check(String method, Answer answer) {
        if (answer.status() >= 500) {
            return "a server error";
        }
        if (STACK_TRACE.matcher(answer.text()).find()) {
            return "a stack trace";
        }
        if (answer.status() >= 400 && !method.equals("HEAD")) {
            if (!answer.contentType().startsWith("application/problem+json")) {
                return "a " + answer.status() + " without a problem body";
            }
            try (JsonReader reader = Json.createReader(new ByteArrayInputStream(answer.body()))) {
                JsonObject problem = reader.readObject();
                if (problem.getInt("status") != answer.status()
                        || problem.getString("type").isBlank()) {
                    return "a problem that does not match its status";
                }
            } catch (RuntimeException e) {
                return "a problem body that is not a problem: " + e;
            }
        }
        return null;
    }

    private static byte[] body(Random random, Route route) {
        if (route.body() == null && random.nextInt(4) != 0) {
            return null;
        }
        String valid = route.body() == null ? "{}" : route.body().replace("{word}", "w");
        String text = switch (random.nextInt(10)) {
            case 0, 1, 2 -> mutateScalar(random, valid);
            case 3 -> valid.substring(0, random.nextInt(Math.max(1, valid.length())));
            case 4 -> valid + pick(random, List.of("\"", "}", " x", "{}", "]", "\u0000"));
            case 5 -> "[".repeat(3000) + "]".repeat(3000);
            case 6 ->
                pick(random, List.of("", " ", "null", "1", "\"s\"", "{", "}", "[]", "{\"a\":}", "{'a':1}", "NaN"));
            case 7 -> valid.replaceFirst("\\{", "{\"unknown\":1,");
            case 8 -> "{\"payload\":\"" + "z".repeat(random.nextBoolean() ? 2_000_000 : 40_000) + "\"}";
            default -> null;
        };
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] garbage = new byte[random.nextInt(200) + 1];
        random.nextBytes(garbage);
        return garbage;
    }

    /** The valid body with one scalar value replaced by a value of another type or out of range. */
    private static String mutateScalar(Random random, String valid) {
        var values = Pattern.compile(":(\"[^\"]*\"|-?[0-9.eE+]+|true|false|null)")
                .matcher(valid)
                .results()
                .toList();
        if (values.isEmpty()) {
            return valid;
        }
        var chosen = values.get(random.nextInt(values.size()));
        return valid.substring(0, chosen.start(1)) + pick(random, SCALARS) + valid.substring(chosen.end(1));
    }

    private Map<String, String> snapshot(List<Fixture> jobs) {
        Map<String, String> state = new TreeMap<>();
        for (Fixture job : jobs) {
            state.put(
                    job.id(),
                    admin.get("jobs/" + job.id()).text()
                            + admin.get("jobs/" + job.id() + "/logs").text()
                            + admin.get("jobs/" + job.id() + "/result").text());
        }
        return state;
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + " chars)";
    }
}
