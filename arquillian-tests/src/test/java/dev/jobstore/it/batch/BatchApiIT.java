package dev.jobstore.it.batch;

import static dev.jobstore.it.support.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.batch.BatchOperations;
import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Api.Reply;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.FinishedJobs;
import dev.jobstore.it.support.ProblemAssert;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The batch API over HTTP: what it shows, and bad names, parameters and requests refused. */
@ExtendWith(ArquillianExtension.class)
class BatchApiIT {

    private static final String PRUNE = "batch/jobs/prune-finished-jobs/executions";
    private static final String KEEP_ALL =
            "{\"parameters\":{\"fulfilled\":\"0\",\"failed\":\"0\",\"cancelled\":\"0\"}}";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(BatchApiIT.class, ProblemAssert.class, FinishedJobs.class);
    }

    @Inject
    BatchOperations batch;

    private final Api api = new Api();

    @Test
    void the_jobs_list_their_parameters_and_whether_they_may_run_leased() {
        Reply jobs = api.get("batch/jobs");
        assertEquals(200, jobs.status(), jobs::toString);
        JsonObject prune = find(jobs, "prune-finished-jobs");
        assertEquals(
                List.of("archive", "cancelled", "chunkSize", "failed", "fulfilled", "workShare"),
                prune.getJsonArray("parameters").getValuesAs(JsonString::getString));
        assertTrue(prune.getJsonArray("unfencedSteps").isEmpty());
        assertEquals(
                "items",
                find(jobs, "unfenced-items").getJsonArray("unfencedSteps").getString(0));
    }

    @Test
    void an_execution_started_over_http_is_shown_with_its_steps() {
        Reply started = api.post(PRUNE, KEEP_ALL);
        assertEquals(201, started.status(), started::toString);
        long id = started.object().getJsonNumber("id").longValue();
        assertTrue(started.location().endsWith("/batch/executions/" + id), started::toString);
        FinishedJobs.ended(batch, id);

        JsonObject execution = api.get("batch/executions/" + id).object();
        assertEquals("COMPLETED", execution.getString("status"));
        assertEquals("0", execution.getJsonObject("parameters").getString("fulfilled"));
        assertEquals("prune", execution.getJsonArray("steps").getJsonObject(0).getString("name"));
        assertEquals(1, execution.getJsonArray("steps").getJsonObject(0).getInt("commit"));
        assertTrue(api.get("batch/executions?job=prune-finished-jobs&limit=5").array().stream()
                .anyMatch(listed -> listed.asJsonObject().getJsonNumber("id").longValue() == id));
        assertAll(
                problem(api.post("batch/executions/" + id + "/stop", ""), 409, "transition-not-allowed", "not running"),
                problem(
                        api.post("batch/executions/" + id + "/restart", ""),
                        409,
                        "transition-not-allowed",
                        "completed"));
    }

    @Test
    void bad_names_parameters_and_ids_are_refused() {
        assertAll(
                problem(api.post("batch/jobs/no-such-job/executions", "{}"), 404, "not-found", "no batch job named"),
                problem(
                        api.post(PRUNE, "{\"parameters\":{\"nope\":\"1\"}}"),
                        400,
                        "invalid-request",
                        "no parameter 'nope'"),
                problem(
                        api.post(PRUNE, "{\"parameters\":{\"fulfilled\":\"a week\"}}"),
                        400,
                        "invalid-request",
                        "ISO-8601"),
                problem(api.post(PRUNE, "{\"parameters\":{\"failed\":\"-P1D\"}}"), 400, "invalid-request", "negative"),
                problem(api.post(PRUNE, "{\"parameters\":{\"chunkSize\":0}}"), 400, "invalid-request", "chunkSize"),
                problem(api.post(PRUNE, "{\"parameters\":{\"archive\":\"yes\"}}"), 400, "invalid-request", "archive"),
                problem(api.post(PRUNE, "{\"parameters\":{\"workShare\":0}}"), 400, "invalid-request", "workShare"),
                problem(
                        api.post(PRUNE, "{\"parameters\":{\"fulfilled\":{\"d\":1}}}"),
                        400,
                        "invalid-request",
                        "a string, a number or a boolean"),
                problem(api.post(PRUNE, "{\"parameters\":[]}"), 400, "invalid-request", "must be an object"),
                problem(api.post(PRUNE, "{\"params\":{}}"), 400, "invalid-request", "unknown field 'params'"),
                problem(api.post(PRUNE, "{\"parameters\":"), 400, "malformed-request", ""),
                problem(api.get("batch/executions/abc"), 400, "invalid-request", "not a batch execution id"),
                problem(api.get("batch/executions/987654321"), 404, "not-found", "no batch execution 987654321"),
                problem(api.post("batch/executions/987654321/stop", ""), 404, "not-found", "987654321"),
                problem(api.get("batch/executions?job=no-such-job"), 404, "not-found", "no-such-job"),
                problem(
                        api.get("batch/executions?limit=0"),
                        400,
                        "invalid-request",
                        "limit must be between 1 and 100"));
    }

    private static JsonObject find(Reply jobs, String name) {
        return jobs.array().stream()
                .map(JsonObject.class::cast)
                .filter(job -> job.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not among " + jobs));
    }
}
