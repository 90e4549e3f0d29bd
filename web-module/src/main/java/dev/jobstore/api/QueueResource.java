package dev.jobstore.api;

import dev.jobstore.job.Created;
import dev.jobstore.job.JobView;
import dev.jobstore.job.NewJob;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.queue.QueueStats;
import dev.jobstore.queue.Queues;
import dev.jobstore.store.JobStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Producers create jobs in a queue; workers lease them. */
@Path("queues/{queue}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "queues", description = "Creating jobs in a queue, leasing them, pausing the queue")
public class QueueResource {

    private static final String MINIMAL = "return=minimal";

    @Inject
    JobStore store;

    @Inject
    Queues queues;

    @Context
    UriInfo uri;

    @POST
    @Path("jobs")
    @Operation(
            operationId = "createJob",
            summary = "Create a job",
            description = "With a `key` already used in the queue, nothing is created and the existing job is"
                    + " the answer (200).")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(
            responseCode = "200",
            description = "The existing job of the same key",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    public Response create(@PathParam("queue") String queue, NewJob request) {
        Created created = store.create(queue, request);
        if (!created.isNew()) {
            return Response.ok(created.job()).build();
        }
        return Response.created(uri.getBaseUriBuilder()
                        .path("jobs/{id}")
                        .build(created.job().id()))
                .entity(created.job())
                .build();
    }

    /**
     * Creates many jobs in one transaction; one bad item refuses them all (its index is named).
     * The answer holds the jobs in request order, or with {@code Prefer: return=minimal} (RFC
     * 7240) only their ids: a producer of large batches need not read back every job.
     */
    @POST
    @Path("jobs/batch")
    @Operation(
            operationId = "createJobs",
            summary = "Create many jobs in one transaction",
            description = "One bad item refuses them all (its index is named). With `Prefer: return=minimal`"
                    + " the answer holds only `{id, created}` per job.")
    @APIResponse(
            responseCode = "201",
            description = "The jobs in request order (or their ids)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = JobView.class)))
    public Response createAll(
            @PathParam("queue") String queue, @HeaderParam("Prefer") String prefer, List<NewJob> requests) {
        List<Created> created = store.createAll(queue, requests);
        if (prefersMinimal(prefer)) {
            return Response.status(Response.Status.CREATED)
                    .header("Preference-Applied", MINIMAL)
                    .entity(created.stream()
                            .map(each -> new CreatedRef(each.job().id(), each.isNew()))
                            .toList())
                    .build();
        }
        return Response.status(Response.Status.CREATED)
                .entity(created.stream().map(Created::job).toList())
                .build();
    }

    private static boolean prefersMinimal(String prefer) {
        return prefer != null
                && Arrays.stream(prefer.split("[,;]")).map(String::strip).anyMatch(MINIMAL::equalsIgnoreCase);
    }

    @POST
    @Path("pause")
    @Operation(operationId = "pauseQueue", summary = "Stop handing out the queue's jobs (admin)")
    public QueueStats pause(@PathParam("queue") String queue) {
        return queues.pause(queue);
    }

    @POST
    @Path("resume")
    @Operation(operationId = "resumeQueue", summary = "Hand out the queue's jobs again (admin)")
    public QueueStats resume(@PathParam("queue") String queue) {
        return queues.resume(queue);
    }

    @POST
    @Path("leases")
    @Operation(
            operationId = "pullJobs",
            summary = "Pull: lease up to `max` jobs",
            description = "Waits up to `wait` for work (a long poll holding no server thread); an empty array"
                    + " when none came. Each job carries `lease.token`, which every call of its holder must"
                    + " send: once the lease is lost (expired, released, cancelled, paused, removed) those"
                    + " calls answer 409 `lease-lost`. `lease.fence` grows with every lease of the job:"
                    + " send it with writes to other systems, which refuse a fence lower than the highest"
                    + " they have seen.")
    public CompletionStage<List<JobView>> pull(@PathParam("queue") String queue, PullRequest request) {
        return store.pullWorkAsync(queue, request);
    }
}
