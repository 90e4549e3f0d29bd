package dev.jobstore.api;

import dev.jobstore.batch.BatchExecutionView;
import dev.jobstore.batch.BatchJobDefinition;
import dev.jobstore.batch.BatchOperations;
import dev.jobstore.batch.BatchRequest;
import dev.jobstore.job.InvalidRequestException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Jakarta Batch: the batch jobs the application holds and their executions. Admins start, stop
 * and restart; viewers (and admins) read.
 */
@Path("batch")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "batch", description = "Jakarta Batch jobs and executions (admin acts, viewer reads)")
public class BatchResource {

    private static final int DEFAULT_LIMIT = 20;

    @Inject
    BatchOperations batch;

    @GET
    @Path("jobs")
    @Operation(
            operationId = "listBatchJobs",
            summary =
                    "The batch jobs: name, the parameters their job XML refers to, steps, whether they may run leased")
    public List<BatchJobDefinition> jobs() {
        return batch.jobs();
    }

    @POST
    @Path("jobs/{name}/executions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "startBatchJob",
            summary = "Start a batch job",
            description = "Body `{\"parameters\": {name: value}}` (optional; values are strings, numbers or"
                    + " booleans, names among the job's parameters). Runs outside any job lease: to run it"
                    + " leased, fenced and resumed on another node if this one dies, create a job on the batch"
                    + " queue instead.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Parameters.class)))
    @APIResponse(
            responseCode = "201",
            description = "The execution, just started",
            content = @Content(schema = @Schema(implementation = BatchExecutionView.class)))
    public Response start(@PathParam("name") String name, JsonObject body, @Context UriInfo uri) {
        return created(batch.start(name, parameters(body)), uri);
    }

    @GET
    @Path("executions")
    @Operation(
            operationId = "listBatchExecutions",
            summary = "The newest executions, of one job (`job`) or of all; `limit` 1 to 100, default 20")
    public List<BatchExecutionView> executions(@QueryParam("job") String job, @QueryParam("limit") String limit) {
        Integer given = Params.optionalInt("limit", limit);
        return batch.executions(job == null || job.isEmpty() ? null : job, given == null ? DEFAULT_LIMIT : given);
    }

    @GET
    @Path("executions/{id}")
    @Operation(operationId = "getBatchExecution", summary = "One execution, with its steps' counts")
    public BatchExecutionView execution(@PathParam("id") String id) {
        return batch.execution(executionId(id));
    }

    @POST
    @Path("executions/{id}/stop")
    @Operation(operationId = "stopBatchExecution", summary = "Ask a running execution to stop after its chunk")
    public BatchExecutionView stop(@PathParam("id") String id) {
        return batch.stop(executionId(id));
    }

    @POST
    @Path("executions/{id}/restart")
    @Operation(
            operationId = "restartBatchExecution",
            summary = "Restart a FAILED or STOPPED execution from its last checkpoint, with its parameters",
            description = "An execution that runs under a job's lease is refused (409): that job's next holder"
                    + " restarts it.")
    @APIResponse(
            responseCode = "201",
            description = "The new execution",
            content = @Content(schema = @Schema(implementation = BatchExecutionView.class)))
    public Response restart(@PathParam("id") String id, @Context UriInfo uri) {
        return created(batch.restart(executionId(id)), uri);
    }

    /** 201 with the new execution, at its own address. */
    private static Response created(BatchExecutionView execution, UriInfo uri) {
        return Response.created(
                        uri.getBaseUriBuilder().path("batch/executions/{id}").build(execution.id()))
                .entity(execution)
                .build();
    }

    /** The request body's shape, for the API description. */
    record Parameters(Map<String, String> parameters) {}

    private static Map<String, String> parameters(JsonObject body) {
        if (body == null) {
            return Map.of();
        }
        for (String field : body.keySet()) {
            if (!field.equals("parameters")) {
                throw new InvalidRequestException("unknown field '" + field + "'; the body is {\"parameters\": {...}}");
            }
        }
        return BatchRequest.parameters(body.getOrDefault("parameters", JsonValue.NULL));
    }

    private static long executionId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("'" + id + "' is not a batch execution id (a whole number is expected)");
        }
    }
}
