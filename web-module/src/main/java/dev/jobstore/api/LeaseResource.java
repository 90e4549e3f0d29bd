package dev.jobstore.api;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.JobView;
import dev.jobstore.log.JobLogs;
import dev.jobstore.log.LogLine;
import dev.jobstore.store.JobStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The lease holder's calls on its job, each fenced by the lease token. */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "leases", description = "The lease holder's calls: each carries the token its pull answered")
public class LeaseResource {

    /** The header that carries the lease token on a fulfill (the body is the value). */
    static final String LEASE_TOKEN = "Lease-Token";

    private static final String FENCED =
            " Refused with 409 `lease-lost` unless the token is the job's current," + " unexpired lease.";

    @Inject
    JobStore store;

    @Inject
    JobLogs logs;

    @PUT
    @Path("{id}/result")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            operationId = "fulfill",
            summary = "Fulfill: store the job's value and end the lease",
            description = "The body is the value, of any content type (kept with it); the token is in the "
                    + LEASE_TOKEN + " header." + FENCED)
    @RequestBody(content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(format = "binary")))
    public JobView fulfill(
            @PathParam("id") String id,
            @HeaderParam(LEASE_TOKEN) String token,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] value) {
        return store.fulfill(
                Params.jobId(id), Params.required("the " + LEASE_TOKEN + " header", token), value, contentType);
    }

    @PUT
    @Path("{id}/lease")
    @Operation(
            operationId = "heartbeat",
            summary = "Heartbeat: extend the lease",
            description = "From now, by `lease` or the lease length the pull asked for." + FENCED)
    public LeaseExtension heartbeat(@PathParam("id") String id, HeartbeatRequest request) {
        HeartbeatRequest body = request == null ? new HeartbeatRequest(null, null) : request;
        Instant expiresAt = store.heartbeat(Params.jobId(id), Params.required("token", body.token()), body.lease());
        return new LeaseExtension(expiresAt);
    }

    @DELETE
    @Path("{id}/lease")
    @Operation(
            operationId = "release",
            summary = "Release: give the job back without a result",
            description = "The job is PENDING again at once; the attempt is not counted." + FENCED)
    @APIResponse(responseCode = "204", description = "Released")
    public Response release(@PathParam("id") String id, @QueryParam("token") String token) {
        store.release(Params.jobId(id), Params.required("the token query parameter", token));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/failure")
    @Operation(
            operationId = "reportFailure",
            summary = "Report a failed attempt",
            description = "With `retry` (default true) and attempts left, the job waits out its backoff and is"
                    + " PENDING again; otherwise it is FAILED." + FENCED)
    public JobView fail(@PathParam("id") String id, FailureReport report) {
        FailureReport body = report == null ? new FailureReport(null, null, null) : report;
        return store.fail(
                Params.jobId(id), Params.required("token", body.token()), body.error(), body.retryOrDefault());
    }

    @POST
    @Path("{id}/progress")
    @Operation(operationId = "reportProgress", summary = "Report progress (`completed` of `total`)" + FENCED)
    public JobView progress(@PathParam("id") String id, ProgressReport report) {
        ProgressReport body = report == null ? new ProgressReport(null, null, null) : report;
        if (body.completed() == null || body.total() == null) {
            throw new InvalidRequestException("completed and total are required");
        }
        return store.progress(Params.jobId(id), Params.required("token", body.token()), body.completed(), body.total());
    }

    @POST
    @Path("{id}/logs")
    @Operation(
            operationId = "appendLog",
            summary = "Append a line to the job's log",
            description = "`level`: debug, info (the default), warning or danger.")
    @APIResponse(
            responseCode = "201",
            description = "The line as stored",
            content = @Content(schema = @Schema(implementation = LogLine.class)))
    public Response log(@PathParam("id") String id, LogLine line) {
        return Response.status(Response.Status.CREATED)
                .entity(logs.append(Params.jobId(id), line))
                .build();
    }

    /** Body of a progress report. */
    public record ProgressReport(String token, Long completed, Long total) {}

    /** Body of a heartbeat: the token, and optionally a new lease length. */
    public record HeartbeatRequest(String token, Duration lease) {}

    /** Answer to a heartbeat. */
    public record LeaseExtension(Instant expiresAt) {}

    /** Body of a failure report; {@code retry} defaults to true. */
    public record FailureReport(String token, String error, Boolean retry) {
        boolean retryOrDefault() {
            return retry == null || retry;
        }
    }
}
