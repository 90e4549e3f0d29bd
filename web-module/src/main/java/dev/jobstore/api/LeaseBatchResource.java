package dev.jobstore.api;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.store.LeaseBatches;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A remote worker's calls on many leases at once, each job checked against its own token. */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "leases")
public class LeaseBatchResource {

    private static final String PER_JOB = " One transaction; each job is checked against its own token, and a job"
            + " that is refused (`lease-lost`, `job-not-found`, `payload-too-large`, ...) is left alone without"
            + " spoiling the others. The answer lists every job in request order: its `status` after the write,"
            + " or the `problem` a single call would have answered. A request that names no job, more than"
            + " `jobstore.ack.max-batch` (1000), a job twice or a job without token is refused whole (400).";

    @Inject
    LeaseBatches batches;

    @POST
    @Path("acknowledgements")
    @Operation(
            operationId = "acknowledgeJobs",
            summary = "Batch acknowledgement: fulfill, fail and release many leased jobs",
            description = "`fulfill`: `{id, token, value}` stores the JSON `value` as `application/json` (or as"
                    + " `contentType`); `{id, token, base64, contentType}` stores the decoded bytes of any content"
                    + " type (default `application/octet-stream`). `fail`: `{id, token, error, retry?=true}` as a"
                    + " failure report. `release`: `{id, token}`."
                    + PER_JOB)
    public HolderAnswers acknowledge(AckRequest request) {
        if (request == null) {
            throw new InvalidRequestException("a body with fulfill, fail or release is required");
        }
        return HolderAnswers.of(batches.acknowledge(
                AckRequest.each(request.fulfill(), AckRequest.Fulfill::toFulfillment),
                AckRequest.each(request.fail(), AckRequest.Fail::toFailedAttempt),
                AckRequest.each(request.release(), AckRequest.Held::toHeldLease)));
    }

    @POST
    @Path("heartbeats")
    @Operation(
            operationId = "heartbeatJobs",
            summary = "Batch heartbeat: extend many leases",
            description = "`jobs`: `[{id, token}]`; each lease is extended from now by `lease` (default: the"
                    + " default lease length). A stored job's answer carries its new `expiresAt`. A heartbeat"
                    + " never waits for a job another transaction is writing at that moment: that job's answer"
                    + " carries its lease's current `expiresAt`, unextended, and a later heartbeat extends it."
                    + PER_JOB)
    public HolderAnswers heartbeat(HeartbeatsRequest request) {
        if (request == null) {
            throw new InvalidRequestException("a body with jobs is required");
        }
        return HolderAnswers.of(
                batches.heartbeat(AckRequest.each(request.jobs(), AckRequest.Held::toHeldLease), request.lease()));
    }

    /** Body of a batch heartbeat. */
    public record HeartbeatsRequest(List<AckRequest.Held> jobs, Duration lease) {}
}
