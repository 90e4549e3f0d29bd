package dev.jobstore.api;

import dev.jobstore.control.BulkAction;
import dev.jobstore.control.BulkControl;
import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.JobCursor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One control action on many jobs (admin). */
@Path("jobs/bulk")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class BulkResource {

    /** Jobs per chunk of a filter, unless the request says otherwise. */
    static final int DEFAULT_CHUNK = 100;

    @Inject
    BulkControl bulk;

    @POST
    @Operation(
            operationId = "bulkControl",
            summary = "Cancel, pause, resume, restart, rerun or remove many jobs",
            description = "With `ids`: those jobs (at most the listing's maximum). With `filter` (`queue`,"
                    + " `status`, `key`, `text`, as in the listing): one chunk of `limit` (default 100) matching"
                    + " jobs, newest first, after `after`; pass the answer's `next` as `after` until it"
                    + " is null. Each job is changed in its own transaction; a job the action does not fit is"
                    + " listed in `refused` with the problem a single call would answer. `remove` never takes"
                    + " a RUNNING job from its holder.")
    public BulkAnswer apply(BulkRequest request) {
        if (request == null || request.action() == null) {
            throw new InvalidRequestException("action is required: cancel, pause, resume, restart, rerun or remove");
        }
        if ((request.ids() == null) == (request.filter() == null)) {
            throw new InvalidRequestException("give either ids or filter");
        }
        BulkAction action = BulkAction.parse(request.action());
        if (request.ids() != null) {
            return BulkAnswer.of(bulk.apply(action, request.ids()));
        }
        int limit = request.limit() == null ? DEFAULT_CHUNK : request.limit();
        JobCursor after = request.after() == null ? null : JobCursor.parse(request.after());
        return BulkAnswer.of(bulk.applyToPage(action, request.filter().toQuery(limit, null), after));
    }
}
