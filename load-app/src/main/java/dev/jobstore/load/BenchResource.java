package dev.jobstore.load;

import dev.jobstore.job.NewJob;
import dev.jobstore.security.Roles;
import dev.jobstore.store.JobStore;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * What the benchmark harness cannot do over the public API: creates through the Java API from
 * inside the server (timed here, so HTTP is not in the figure), and the recorded latencies.
 */
@Path("bench")
@Produces(MediaType.APPLICATION_JSON)
@Stateless
@RunAs(Roles.PRODUCER) // the store checks roles; this in-server producer calls as one
@PermitAll // the harness's own endpoint: anyone on the loopback may call it
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each create commits on its own
public class BenchResource {

    @EJB
    JobStore store;

    @Inject
    Latencies latencies;

    /** Creates {@code count} jobs one call each (or in one batch call); answers the nanoseconds it took. */
    @POST
    @Path("{queue}/create")
    public long create(
            @PathParam("queue") String queue, @QueryParam("count") int count, @QueryParam("batch") boolean batch) {
        long start = System.nanoTime();
        if (batch) {
            List<NewJob> jobs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                jobs.add(NewJob.of(Json.createValue(i)));
            }
            store.createAll(queue, jobs);
        } else {
            for (int i = 0; i < count; i++) {
                store.create(queue, NewJob.of(Json.createValue(i)));
            }
        }
        return System.nanoTime() - start;
    }

    /** The latencies recorded since the last call, in microseconds. */
    @GET
    @Path("latencies")
    public List<Long> latencies() {
        return latencies.drain();
    }
}
