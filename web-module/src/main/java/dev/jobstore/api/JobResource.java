package dev.jobstore.api;

import dev.jobstore.control.JobControl;
import dev.jobstore.job.JobPage;
import dev.jobstore.job.JobView;
import dev.jobstore.job.StoredResult;
import dev.jobstore.job.TargetView;
import dev.jobstore.log.JobLogs;
import dev.jobstore.log.LogLine;
import dev.jobstore.notification.Notifications;
import dev.jobstore.notification.Queued;
import dev.jobstore.store.JobStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reading jobs, their control, and their notification targets. */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "jobs", description = "Reading jobs, controlling them (admin), and their notification targets")
public class JobResource {

    @Inject
    JobStore store;

    @Inject
    Notifications notifications;

    @Inject
    JobControl control;

    @Inject
    JobLogs logs;

    @GET
    @Operation(
            operationId = "listJobs",
            summary = "List jobs, newest first",
            description = "Filters: `queue`, `status`, `key`, and `text`: a piece of the payload's JSON text,"
                    + " matched ignoring case (a scan of the table, bounded by the page). Pass the answer's"
                    + " `next` as `after` for the next page (`limit` default 50).")
    public JobPage list(
            @QueryParam("queue") String queue,
            @QueryParam("status") String status,
            @QueryParam("key") String key,
            @QueryParam("text") String text,
            @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        return store.list(new JobFilter(queue, status, key, text)
                .toQuery(Params.optionalInt("limit", limit), Params.optionalJobId("after", after)));
    }

    @GET
    @Path("count")
    @Operation(operationId = "countJobs", summary = "How many jobs match the listing's filters")
    public Count count(
            @QueryParam("queue") String queue,
            @QueryParam("status") String status,
            @QueryParam("key") String key,
            @QueryParam("text") String text) {
        return new Count(store.count(new JobFilter(queue, status, key, text).toQuery(null, null)));
    }

    /** Answer to a count. */
    public record Count(long count) {}

    @GET
    @Path("{id}")
    @Operation(operationId = "getJob", summary = "The job (never its value, never a lease token)")
    public JobView get(@PathParam("id") String id) {
        return store.get(Params.jobId(id));
    }

    @GET
    @Path("{id}/result")
    @Produces(MediaType.WILDCARD)
    @Operation(
            operationId = "getResult",
            summary = "The stored value, with its content type; with `wait`, once the job is final",
            description = "With `wait` (an ISO-8601 duration up to `jobstore.pull.max-wait`, PT60S) the call waits,"
                    + " holding no server thread, until the job is FULFILLED, FAILED or CANCELLED, woken on"
                    + " whichever node the job ends. A FULFILLED job answers its value; a FAILED one 409"
                    + " `job-failed` naming the last error; a CANCELLED one 409 `job-cancelled` naming why; a job"
                    + " not final when the wait ends (or at once without `wait`) 404 `result-not-found`.")
    @APIResponse(
            responseCode = "200",
            description = "The value",
            content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(format = "binary")))
    public CompletionStage<Response> result(@PathParam("id") String id, @QueryParam("wait") String wait) {
        return store.awaitOutcome(Params.jobId(id), Params.optionalDuration("wait", wait, Duration.ZERO))
                .thenApply(outcome -> {
                    StoredResult value = outcome.requireValue();
                    return Response.ok(value.content())
                            .header(HttpHeaders.CONTENT_TYPE, value.contentType())
                            .build();
                });
    }

    @GET
    @Path("{id}/logs")
    @Operation(operationId = "readLogs", summary = "The job's log lines, in order")
    public List<LogLine> logs(@PathParam("id") String id) {
        return logs.lines(Params.jobId(id));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(operationId = "cancelJob", summary = "Cancel; a holder's lease is taken (compromised)")
    public JobView cancel(@PathParam("id") String id) {
        return control.cancel(Params.jobId(id));
    }

    @POST
    @Path("{id}/pause")
    @Operation(operationId = "pauseJob", summary = "Pause a PENDING or WAITING job until resumed")
    public JobView pause(@PathParam("id") String id) {
        return control.pause(Params.jobId(id));
    }

    @POST
    @Path("{id}/resume")
    @Operation(operationId = "resumeJob", summary = "Resume a PAUSED job")
    public JobView resume(@PathParam("id") String id) {
        return control.resume(Params.jobId(id));
    }

    @POST
    @Path("{id}/restart")
    @Operation(operationId = "restartJob", summary = "Restart a FAILED or CANCELLED job with fresh attempts")
    public JobView restart(@PathParam("id") String id) {
        return control.restart(Params.jobId(id));
    }

    @POST
    @Path("{id}/rerun")
    @Operation(operationId = "rerunJob", summary = "A new job copying this finished one")
    @APIResponse(
            responseCode = "201",
            description = "The new job",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    public Response rerun(@PathParam("id") String id, @Context UriInfo uri) {
        JobView copy = control.rerun(Params.jobId(id)).job();
        return Response.created(uri.getBaseUriBuilder().path("jobs/{id}").build(copy.id()))
                .entity(copy)
                .build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "removeJob", summary = "Remove the job; a RUNNING one only with `force=true`")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("id") String id, @QueryParam("force") String force) {
        control.remove(Params.jobId(id), Params.flag("force", force));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/targets")
    @Operation(
            operationId = "queueTarget",
            summary = "Queue a notification target (the body, any JSON)",
            description = "A target equal to one already queued is not queued twice. A JSON object with a"
                    + " `webhook` URL is delivered by the server itself.")
    @RequestBody(content = @Content(schema = @Schema(description = "Any JSON value")))
    @APIResponse(
            responseCode = "201",
            description = "Queued",
            content = @Content(schema = @Schema(implementation = TargetView.class)))
    @APIResponse(
            responseCode = "200",
            description = "Already queued",
            content = @Content(schema = @Schema(implementation = TargetView.class)))
    public Response queueTarget(@PathParam("id") String id, JsonValue target) {
        Queued queued = notifications.queue(Params.jobId(id), target);
        return Response.status(queued.isNew() ? Response.Status.CREATED : Response.Status.OK)
                .entity(queued.target())
                .build();
    }

    @DELETE
    @Path("{id}/targets")
    @Operation(operationId = "unqueueTargets", summary = "Unqueue the targets in the body (an array) still pending")
    @RequestBody(content = @Content(schema = @Schema(type = SchemaType.ARRAY, description = "Targets, any JSON")))
    public Unqueued unqueueTargets(@PathParam("id") String id, List<JsonValue> targets) {
        return new Unqueued(notifications.unqueueAll(Params.jobId(id), targets));
    }

    @POST
    @Path("{id}/targets/{deliveryId}/retry")
    @Operation(
            operationId = "retryTarget",
            summary = "Give a DEAD webhook target a fresh round of attempts, the first at once (admin)")
    public TargetView retryTarget(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return notifications.retryTarget(Params.jobId(id), Params.deliveryId(deliveryId));
    }

    /** Answer to an unqueue: how many pending targets were removed. */
    public record Unqueued(int removed) {}
}
