package dev.jobstore.api;

import dev.jobstore.queue.QueueStats;
import dev.jobstore.queue.Queues;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every queue with its counts by status and the age of its oldest pending job. */
@Path("queues")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queues")
public class QueuesResource {

    @Inject
    Queues queues;

    @GET
    @Operation(operationId = "listQueues", summary = "Every queue: paused or not, counts by status, oldest pending age")
    public List<QueueStats> all() {
        return queues.all();
    }
}
