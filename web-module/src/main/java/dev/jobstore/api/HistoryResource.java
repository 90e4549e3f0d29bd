package dev.jobstore.api;

import dev.jobstore.history.MinuteView;
import dev.jobstore.history.QueueHistory;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The queues' history by the minute. */
@Path("history")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queues")
public class HistoryResource {

    private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    private static final Duration DEFAULT_STEP = Duration.ofMinutes(1);

    @Inject
    QueueHistory history;

    @GET
    @Operation(
            operationId = "queueHistory",
            summary = "The queues' history by the minute",
            description = "Per queue and minute of the last `window` (default PT1H, at most P7D): jobs created,"
                    + " fulfilled and failed (attempts), and the depth sampled in that minute (null when no job"
                    + " of the queue was waiting or running). Of one `queue`, or of every queue the caller may use."
                    + " With `step` (whole minutes, default PT1M), buckets of that many minutes: counts summed,"
                    + " the highest depth.")
    public List<MinuteView> last(
            @QueryParam("window") String window, @QueryParam("queue") String queue, @QueryParam("step") String step) {
        return history.last(
                Params.optionalDuration("window", window, DEFAULT_WINDOW),
                queue == null || queue.isEmpty() ? null : queue,
                Params.optionalDuration("step", step, DEFAULT_STEP));
    }
}
