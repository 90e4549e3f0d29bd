package dev.jobstore.load;

import dev.jobstore.job.Jsonp;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    @Inject
    Executions executions;

    /**
     * How many jobs of {@code queue} the in-process handlers have run since deployment; with
     * {@code atLeast}, answered once that many have run or after a minute. It looks every
     * millisecond here, in memory, so that the harness does not poll over HTTP while it measures.
     */
    @GET
    @Path("{queue}/executed")
    public long executed(@PathParam("queue") String queue, @QueryParam("atLeast") long atLeast)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        long runs = executions.of(queue);
        while (runs < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(1);
            runs = executions.of(queue);
        }
        return runs;
    }

    /** Creates {@code count} jobs one call each (or in one batch call); answers the nanoseconds it took. */
    @POST
    @Path("{queue}/create")
    public long create(
            @PathParam("queue") String queue, @QueryParam("count") int count, @QueryParam("batch") boolean batch) {
        if (batch) {
            List<NewJob> jobs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                jobs.add(NewJob.of(Jsonp.PROVIDER.createValue(i)));
            }
            long start = System.nanoTime(); // the batch is built: db-scheduler's is built before scheduleBatch too
            store.createAll(queue, jobs);
            return System.nanoTime() - start;
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            store.create(queue, NewJob.of(Jsonp.PROVIDER.createValue(i)));
        }
        return System.nanoTime() - start;
    }

    /**
     * Creates {@code count} jobs one call each, {@code spacing} ms apart, each carrying {@code
     * System.nanoTime()} of just before its call: the latency workload, timed as db-scheduler's
     * (the time given to {@code schedule} to its handler's first line), in this JVM.
     */
    @POST
    @Path("{queue}/timed")
    public void createTimed(
            @PathParam("queue") String queue, @QueryParam("count") int count, @QueryParam("spacing") long spacing)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            store.create(queue, NewJob.of(Jsonp.PROVIDER.createValue(System.nanoTime())));
            Thread.sleep(spacing);
        }
    }

    /** The latencies recorded since the last call, in microseconds. */
    @GET
    @Path("latencies")
    public List<Long> latencies() {
        return latencies.drain();
    }
}
