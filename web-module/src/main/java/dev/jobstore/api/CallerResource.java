package dev.jobstore.api;

import dev.jobstore.security.CallerView;
import dev.jobstore.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own identity: what the dashboard asks at sign-in. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "security", description = "The caller's identity and API tokens")
public class CallerResource {

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(
            operationId = "whoAmI",
            summary = "The caller's name, roles and queue scope",
            description = "`queues` lists the queue patterns the caller is limited to; empty means every queue.")
    public CallerView me() {
        return caller.describe();
    }
}
