package dev.jobstore.api;

import dev.jobstore.lease.PullRequest;
import dev.jobstore.notification.Notifications;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Notifiers lease a fulfilled job's pending targets and report which they reached. */
@Path("notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationResource {

    @Inject
    Notifications notifications;

    /** 200 with one notification, or 204 when none is waiting (after {@code wait}). */
    @POST
    @Path("leases")
    public CompletionStage<Response> pull(PullRequest request) {
        return notifications
                .pullNotificationAsync(request)
                .thenApply(granted -> granted.isEmpty()
                        ? Response.noContent().build()
                        : Response.ok(NotificationView.of(granted.get(0))).build());
    }

    /** The targets reached; the lease ends and the others stay pending. */
    @POST
    @Path("{jobId}/done")
    public Response done(@PathParam("jobId") String jobId, DoneReport report) {
        DoneReport body = report == null ? new DoneReport(null, null) : report;
        notifications.done(Params.jobId(jobId), Params.required("token", body.token()), body.delivered());
        return Response.noContent().build();
    }

    /** Body of {@code done}. */
    public record DoneReport(String token, List<JsonValue> delivered) {}
}
