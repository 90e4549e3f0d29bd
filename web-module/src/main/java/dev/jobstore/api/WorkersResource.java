package dev.jobstore.api;

import dev.jobstore.worker.Workers;
import dev.jobstore.worker.WorkersView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who works on what, across the nodes. */
@Path("workers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queues")
public class WorkersResource {

    @Inject
    Workers workers;

    @GET
    @Operation(
            operationId = "workers",
            summary = "Worker pools per node, running jobs by lease owner, leases that run out first",
            description = "`pools`: each node's in-process pools as last reported (every"
                    + " `jobstore.history.flush-interval`); `holders`: running jobs by lease owner and queue;"
                    + " `expiring`: the 20 running jobs whose leases run out first.")
    public WorkersView overview() {
        return workers.overview();
    }
}
