package dev.jobstore.api;

import dev.jobstore.control.JobControl;
import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.JobPage;
import dev.jobstore.job.JobQuery;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.StoredResult;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reading jobs, and the lease holder's calls, each fenced by the lease token. */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JobResource {

    /** The header that carries the lease token on a fulfill (the body is the value). */
    static final String LEASE_TOKEN = "Lease-Token";

    @Inject
    JobStore store;

    @Inject
    Notifications notifications;

    @Inject
    JobControl control;

    @Inject
    JobLogs logs;

    @GET
    public JobPage list(
            @QueryParam("queue") String queue,
            @QueryParam("status") String status,
            @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        return store.list(new JobQuery(
                queue == null || queue.isEmpty() ? null : queue,
                status == null || status.isEmpty() ? null : JobStatus.parse(status),
                Params.optionalInt("limit", limit),
                Params.optionalJobId("after", after)));
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") String id) {
        return store.get(Params.jobId(id));
    }

    /** The stored value with its content type; 404 until the job is FULFILLED. */
    @GET
    @Path("{id}/result")
    @Produces(MediaType.WILDCARD)
    public Response result(@PathParam("id") String id) {
        StoredResult result = store.result(Params.jobId(id));
        return Response.ok(result.content())
                .header(HttpHeaders.CONTENT_TYPE, result.contentType())
                .build();
    }

    /** Fulfill: the body is the value, of any content type; the token is in a header. */
    @PUT
    @Path("{id}/result")
    @Consumes(MediaType.WILDCARD)
    public JobView fulfill(
            @PathParam("id") String id,
            @HeaderParam(LEASE_TOKEN) String token,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] value) {
        return store.fulfill(
                Params.jobId(id), Params.required("the " + LEASE_TOKEN + " header", token), value, contentType);
    }

    /** Heartbeat: extends the lease. */
    @PUT
    @Path("{id}/lease")
    public LeaseExtension heartbeat(@PathParam("id") String id, HeartbeatRequest request) {
        HeartbeatRequest body = request == null ? new HeartbeatRequest(null, null) : request;
        Instant expiresAt = store.heartbeat(Params.jobId(id), Params.required("token", body.token()), body.lease());
        return new LeaseExtension(expiresAt);
    }

    /** Release: gives the job back without a result. */
    @DELETE
    @Path("{id}/lease")
    public Response release(@PathParam("id") String id, @QueryParam("token") String token) {
        store.release(Params.jobId(id), Params.required("the token query parameter", token));
        return Response.noContent().build();
    }

    /** Reports a failed attempt. */
    @POST
    @Path("{id}/failure")
    public JobView fail(@PathParam("id") String id, FailureReport report) {
        FailureReport body = report == null ? new FailureReport(null, null, null) : report;
        return store.fail(
                Params.jobId(id), Params.required("token", body.token()), body.error(), body.retryOrDefault());
    }

    /** The holder reports progress. */
    @POST
    @Path("{id}/progress")
    public JobView progress(@PathParam("id") String id, ProgressReport report) {
        ProgressReport body = report == null ? new ProgressReport(null, null, null) : report;
        if (body.completed() == null || body.total() == null) {
            throw new InvalidRequestException("completed and total are required");
        }
        return store.progress(Params.jobId(id), Params.required("token", body.token()), body.completed(), body.total());
    }

    /** Appends a log line ({@code level}: debug, info, warning, danger; default info). */
    @POST
    @Path("{id}/logs")
    public Response log(@PathParam("id") String id, LogLine line) {
        return Response.status(Response.Status.CREATED)
                .entity(logs.append(Params.jobId(id), line))
                .build();
    }

    @GET
    @Path("{id}/logs")
    public List<LogLine> logs(@PathParam("id") String id) {
        return logs.lines(Params.jobId(id));
    }

    /** cancel, pause, resume or restart; 409 when the job's status does not allow it. */
    @POST
    @Path("{id}/{action: cancel|pause|resume|restart}")
    public JobView control(@PathParam("id") String id, @PathParam("action") String action) {
        UUID jobId = Params.jobId(id);
        return switch (action) {
            case "cancel" -> control.cancel(jobId);
            case "pause" -> control.pause(jobId);
            case "resume" -> control.resume(jobId);
            default -> control.restart(jobId);
        };
    }

    /** A new job copying this finished one; 201 with the new job. */
    @POST
    @Path("{id}/rerun")
    public Response rerun(@PathParam("id") String id, @Context UriInfo uri) {
        JobView copy = control.rerun(Params.jobId(id)).job();
        return Response.created(uri.getBaseUriBuilder().path("jobs/{id}").build(copy.id()))
                .entity(copy)
                .build();
    }

    /** Removes the job; a RUNNING one only with {@code force=true}. */
    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id, @QueryParam("force") String force) {
        control.remove(Params.jobId(id), Params.flag("force", force));
        return Response.noContent().build();
    }

    /** Queues a notification target (the body, any JSON); 201 when new, 200 when already queued. */
    @POST
    @Path("{id}/targets")
    public Response queueTarget(@PathParam("id") String id, JsonValue target) {
        Queued queued = notifications.queue(Params.jobId(id), target);
        return Response.status(queued.isNew() ? Response.Status.CREATED : Response.Status.OK)
                .entity(queued.target())
                .build();
    }

    /** Unqueues the targets in the body (an array) that are still pending. */
    @DELETE
    @Path("{id}/targets")
    public Unqueued unqueueTargets(@PathParam("id") String id, List<JsonValue> targets) {
        return new Unqueued(notifications.unqueueAll(Params.jobId(id), targets));
    }

    /** Body of a progress report. */
    public record ProgressReport(String token, Long completed, Long total) {}

    /** Answer to an unqueue: how many pending targets were removed. */
    public record Unqueued(int removed) {}

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
