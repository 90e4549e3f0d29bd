package dev.jobstore.it;

import static dev.jobstore.it.support.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Api.Reply;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.ProblemAssert;
import dev.jobstore.it.support.RawHttp;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/** Bad input over HTTP: a clear 4xx problem, never a stack trace, and nothing changed. */
@ExtendWith(ArquillianExtension.class)
class ProblemResponsesIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(
                ProblemResponsesIT.class, RawHttp.class, RawHttp.Answer.class, ProblemAssert.class);
    }

    private final Api api = new Api();
    private final String queue = "problems-" + UUID.randomUUID();

    private Reply createWith(String body) {
        return api.post("queues/" + queue + "/jobs", body);
    }

    private Reply pullWith(String body) {
        return api.post("queues/" + queue + "/leases", body);
    }

    @Test
    void bad_creates_are_refused_and_create_nothing() {
        String bigPayload = "{\"payload\":\"" + "a".repeat(1_100_000) + "\"}";
        List<Executable> checks = new ArrayList<>(List.of(
                problem(createWith("{\"payload\":"), 400, "malformed-request", "Invalid token"),
                problem(createWith("{\"payload\":1,\"priorty\":2}"), 400, "malformed-request", "priorty"),
                problem(createWith("{\"payload\":1,\"priority\":\"high\"}"), 400, "malformed-request", "priority"),
                problem(
                        createWith("{\"delay\":\"soon\"}"),
                        400,
                        "malformed-request",
                        "'soon' is not an ISO-8601 duration"),
                problem(
                        createWith("{\"runAt\":\"tomorrow\"}"),
                        400,
                        "malformed-request",
                        "'tomorrow' is not an ISO-8601 instant"),
                problem(createWith("[1,2]"), 400, "malformed-request", "START_ARRAY"),
                problem(createWith(null), 400, "invalid-request", "required"),
                problem(createWith("{\"delay\":\"PT-1S\"}"), 400, "invalid-request", "delay must not be negative"),
                problem(createWith("{\"maxAttempts\":0}"), 400, "invalid-request", "maxAttempts must be between 1"),
                problem(
                        createWith("{\"runAt\":\"2030-01-01T00:00:00Z\",\"delay\":\"PT1S\"}"),
                        400,
                        "invalid-request",
                        "runAt or delay"),
                problem(
                        createWith("{\"backoff\":{\"initial\":\"PT0S\"}}"),
                        400,
                        "invalid-request",
                        "backoff.initial must be positive"),
                problem(createWith("{\"key\":\"" + "k".repeat(300) + "\"}"), 400, "invalid-request", "key must be"),
                problem(createWith(bigPayload), 413, "payload-too-large", "jobstore.limits.payload-bytes"),
                problem(
                        api.send(
                                "POST",
                                "queues/" + queue + "/jobs",
                                "text/plain",
                                "hi".getBytes(StandardCharsets.UTF_8)),
                        415,
                        "unsupported-media-type",
                        ""),
                problem(api.post("queues/bad%20name/jobs", "{}"), 400, "invalid-request", "queue name 'bad name'"),
                problem(api.post("queues/" + "q".repeat(101) + "/jobs", "{}"), 400, "invalid-request", "queue name")));
        assertAll(checks);
        assertEquals(
                0,
                api.get("jobs?queue=" + queue).object().getJsonArray("items").size(),
                "a refused create created a job");
    }

    @Test
    void bad_pulls_are_refused() {
        api.post("queues/" + queue + "/jobs", "{}");
        assertAll(
                problem(pullWith("{\"max\":1}"), 400, "invalid-request", "worker must be"),
                problem(
                        pullWith("{\"worker\":\"w\",\"lease\":\"PT0S\"}"),
                        400,
                        "invalid-request",
                        "lease must be longer than PT0S"),
                problem(pullWith("{\"worker\":\"w\",\"lease\":\"-PT5S\"}"), 400, "invalid-request", "lease must be"),
                problem(
                        pullWith("{\"worker\":\"w\",\"lease\":\"PT2H\"}"),
                        400,
                        "invalid-request",
                        "jobstore.lease.max"),
                problem(pullWith("{\"worker\":\"w\",\"max\":0}"), 400, "invalid-request", "max must be between 1 and"),
                problem(
                        pullWith("{\"worker\":\"w\",\"max\":1000}"),
                        400,
                        "invalid-request",
                        "max must be between 1 and"),
                problem(
                        pullWith("{\"worker\":\"w\",\"wait\":\"PT10M\"}"),
                        400,
                        "invalid-request",
                        "wait must be between"),
                problem(
                        pullWith("{\"worker\":\"w\",\"wait\":\"-PT1S\"}"),
                        400,
                        "invalid-request",
                        "wait must be between"),
                problem(
                        pullWith("{\"worker\":\"w\",\"wait\":5}"),
                        400,
                        "malformed-request",
                        "found a number where an ISO-8601 duration"));
        assertEquals(
                "PENDING",
                api.get("jobs?queue=" + queue)
                        .object()
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getString("status"),
                "a refused pull leased the job");
    }

    @Test
    void bad_ids_and_parameters_are_refused() {
        String unknown = UUID.randomUUID().toString();
        assertAll(
                problem(api.get("jobs/not-a-uuid"), 400, "invalid-request", "'not-a-uuid' is not a job id"),
                problem(api.get("jobs/" + unknown), 404, "job-not-found", unknown),
                problem(api.get("jobs/" + unknown + "/result"), 404, "job-not-found", unknown),
                problem(api.put("jobs/" + unknown + "/lease", "{\"token\":\"t\"}"), 404, "job-not-found", unknown),
                problem(api.get("jobs?status=done"), 400, "invalid-request", "status 'done' is unknown"),
                problem(api.get("jobs?limit=abc"), 400, "invalid-request", "limit must be a whole number"),
                problem(api.get("jobs?limit=0"), 400, "invalid-request", "limit must be between 1 and"),
                problem(api.get("jobs?after=xyz"), 400, "invalid-request", "after must be a job id"),
                problem(api.get("jobs?after=" + unknown), 400, "invalid-request", "after: no job"),
                problem(api.get("no-such-thing"), 404, "not-found", "no resource"),
                problem(api.delete("queues/" + queue + "/jobs"), 405, "method-not-allowed", ""));
    }

    @Test
    void a_holder_call_with_a_wrong_or_missing_token_changes_nothing() {
        String id = api.post("queues/" + queue + "/jobs", "{\"payload\":\"x\"}")
                .object()
                .getString("id");
        JsonObject leased =
                pullWith("{\"worker\":\"w\",\"lease\":\"PT1M\"}").array().getJsonObject(0);
        String token = leased.getJsonObject("lease").getString("token");
        JsonObject before = api.get("jobs/" + id).object();

        assertAll(
                problem(
                        api.send(
                                "PUT",
                                "jobs/" + id + "/result",
                                "text/plain",
                                "stale".getBytes(StandardCharsets.UTF_8),
                                "Lease-Token",
                                "not-" + token),
                        409,
                        "lease-lost",
                        "not the job's current lease"),
                problem(
                        api.send("PUT", "jobs/" + id + "/result", "text/plain", "x".getBytes(StandardCharsets.UTF_8)),
                        400,
                        "invalid-request",
                        "Lease-Token header is required"),
                problem(
                        api.put("jobs/" + id + "/lease", "{\"token\":\"wrong\"}"),
                        409,
                        "lease-lost",
                        "lease on job " + id),
                problem(api.put("jobs/" + id + "/lease", "{}"), 400, "invalid-request", "token is required"),
                problem(
                        api.put("jobs/" + id + "/lease", "{\"token\":\"" + token + "\",\"lease\":\"PT0S\"}"),
                        400,
                        "invalid-request",
                        "lease must be"),
                problem(api.delete("jobs/" + id + "/lease?token=wrong"), 409, "lease-lost", ""),
                problem(api.delete("jobs/" + id + "/lease"), 400, "invalid-request", "token"),
                problem(
                        api.post("jobs/" + id + "/failure", "{\"token\":\"wrong\",\"error\":\"e\"}"),
                        409,
                        "lease-lost",
                        ""),
                problem(
                        api.send(
                                "PUT",
                                "jobs/" + id + "/result",
                                "not a media type",
                                "x".getBytes(StandardCharsets.UTF_8),
                                "Lease-Token",
                                token),
                        400,
                        "invalid-request",
                        ""),
                problem(api.get("jobs/" + id + "/result"), 404, "result-not-found", "RUNNING"));

        assertEquals(before, api.get("jobs/" + id).object(), "a refused call changed the job");
    }

    @Test
    void json_of_the_wrong_types_or_with_text_after_it_is_refused_and_changes_nothing() {
        assertEquals(201, createWith("{\"payload\":\"fixture\"}").status());
        assertAll(
                problem(pullWith("{\"worker\":1}"), 400, "malformed-request", "a string"),
                problem(pullWith("{\"worker\":false}"), 400, "malformed-request", "a string"),
                problem(pullWith("{\"worker\":\"w\",\"max\":1.5}"), 400, "malformed-request", "whole number"),
                problem(createWith("{\"payload\":{\"a\":1}}\""), 400, "malformed-request", "after its JSON"),
                problem(
                        createWith("{\"payload\":1,\"repeat\":{\"every\":\"PT1M\",\"times\":1.5}}"),
                        400,
                        "malformed-request",
                        "whole number"),
                problem(createWith("[".repeat(500) + "]".repeat(500)), 400, "malformed-request", "deeper"));
        JsonObject job =
                api.get("jobs?queue=" + queue).object().getJsonArray("items").getJsonObject(0);
        String id = job.getString("id");
        assertEquals(
                1, api.get("jobs?queue=" + queue).object().getJsonArray("items").size(), "a refused create created");
        assertAll(
                problem(
                        api.post("jobs/" + id + "/failure", "{\"token\":\"t\",\"error\":\"e\",\"retry\":\"yes\"}"),
                        400,
                        "malformed-request",
                        "true or false"),
                problem(api.post("jobs/" + id + "/logs", "{\"message\":1}"), 400, "malformed-request", "a string"));
        assertEquals("PENDING", api.get("jobs/" + id).object().getString("status"));
        assertEquals(0, api.get("jobs/" + id + "/logs").array().size(), "a refused log line was written");
    }

    @Test
    void what_the_server_refuses_below_the_api_is_a_problem_too() {
        RawHttp raw = new RawHttp();
        String admin = "Basic YWRtaW46YWRtaW4=";
        RawHttp.Answer badEscape = raw.send(
                "PUT",
                "/jobstore/api/jobs/%ZZ/lease",
                "{}".getBytes(StandardCharsets.UTF_8),
                "Authorization",
                admin,
                "Content-Type",
                "application/json");
        assertEquals(400, badEscape.status(), badEscape::toString);
        assertEquals("application/problem+json", badEscape.contentType(), badEscape::toString);
        RawHttp.Answer traversal =
                raw.send("GET", "/jobstore/api/jobs/../../WEB-INF/web.xml", null, "Authorization", admin);
        assertEquals(404, traversal.status(), traversal::toString);
        assertEquals("application/problem+json", traversal.contentType(), traversal::toString);
        assertFalse(traversal.text().contains("web-app"), "WEB-INF was served");
    }
}
