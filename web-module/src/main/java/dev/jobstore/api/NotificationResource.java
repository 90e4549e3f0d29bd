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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Notifiers lease a fulfilled job's pending targets and report which they reached. */
@Path("notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "notifications", description = "Notifiers deliver fulfilled jobs' values to their targets")
public class NotificationResource {

    @Inject
    Notifications notifications;

    @POST
    @Path("leases")
    @Operation(
            operationId = "pullNotification",
            summary = "Lease a fulfilled job's pending targets",
            description = "Waits up to `wait`; 204 when none is waiting. The answer's `token` fences `done`.")
    @APIResponse(
            responseCode = "200",
            description = "One notification",
            content = @Content(schema = @Schema(implementation = NotificationView.class)))
    @APIResponse(responseCode = "204", description = "None waiting")
    public CompletionStage<Response> pull(PullRequest request) {
        return notifications
                .pullNotificationAsync(request)
                .thenApply(granted -> granted.isEmpty()
                        ? Response.noContent().build()
                        : Response.ok(NotificationView.of(granted.get(0))).build());
    }

    @POST
    @Path("{jobId}/done")
    @Operation(
            operationId = "notificationDone",
            summary = "Report the targets reached; the others stay pending",
            description = "Refused with 409 `lease-lost` unless the token is the notification's current lease.")
    @APIResponse(responseCode = "204", description = "Recorded; the notification lease ends")
    public Response done(@PathParam("jobId") String jobId, DoneReport report) {
        DoneReport body = report == null ? new DoneReport(null, null) : report;
        notifications.done(Params.jobId(jobId), Params.required("token", body.token()), body.delivered());
        return Response.noContent().build();
    }

    /** Body of {@code done}. */
    public record DoneReport(String token, List<JsonValue> delivered) {}
}
