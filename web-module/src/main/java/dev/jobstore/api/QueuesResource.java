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

/** Every queue with its counts by status and the age of its oldest pending job. */
@Path("queues")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueuesResource {

    @Inject
    Queues queues;

    @GET
    public List<QueueStats> all() {
        return queues.all();
    }
}
