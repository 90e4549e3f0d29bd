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

/** Producers create jobs in a queue; workers lease them. */
@Path("queues/{queue}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QueueResource {

    private static final String MINIMAL = "return=minimal";

    @Inject
    JobStore store;

    @Inject
    Queues queues;

    @Context
    UriInfo uri;

    /** 201 with the new job, or 200 with the existing job of the same key. */
    @POST
    @Path("jobs")
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

    /** Stops handing out the queue's jobs. */
    @POST
    @Path("pause")
    public QueueStats pause(@PathParam("queue") String queue) {
        return queues.pause(queue);
    }

    @POST
    @Path("resume")
    public QueueStats resume(@PathParam("queue") String queue) {
        return queues.resume(queue);
    }

    /** Leases up to {@code max} jobs; waits up to {@code wait} without holding a thread. */
    @POST
    @Path("leases")
    public CompletionStage<List<JobView>> pull(@PathParam("queue") String queue, PullRequest request) {
        return store.pullWorkAsync(queue, request);
    }
}
