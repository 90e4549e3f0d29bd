package dev.jobstore.api.openapi;

import static dev.jobstore.api.problem.ProblemType.CONFLICT;
import static dev.jobstore.api.problem.ProblemType.DATABASE_UNAVAILABLE;
import static dev.jobstore.api.problem.ProblemType.FORBIDDEN;
import static dev.jobstore.api.problem.ProblemType.INTERNAL_ERROR;
import static dev.jobstore.api.problem.ProblemType.INVALID_REQUEST;
import static dev.jobstore.api.problem.ProblemType.JOB_CANCELLED;
import static dev.jobstore.api.problem.ProblemType.JOB_FAILED;
import static dev.jobstore.api.problem.ProblemType.JOB_NOT_FOUND;
import static dev.jobstore.api.problem.ProblemType.LEASE_LOST;
import static dev.jobstore.api.problem.ProblemType.MALFORMED_REQUEST;
import static dev.jobstore.api.problem.ProblemType.NOT_FOUND;
import static dev.jobstore.api.problem.ProblemType.PAYLOAD_TOO_LARGE;
import static dev.jobstore.api.problem.ProblemType.RESULT_NOT_FOUND;
import static dev.jobstore.api.problem.ProblemType.TRANSITION_NOT_ALLOWED;
import static dev.jobstore.api.problem.ProblemType.UNAUTHORIZED;

import dev.jobstore.api.problem.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The problems each operation (by its {@code operationId}) may answer with. */
final class OperationProblems {

    /** Any operation: bad input, no or bad credentials, a role or scope that does not allow it, outages. */
    private static final List<ProblemType> EVERY_OPERATION =
            List.of(INVALID_REQUEST, MALFORMED_REQUEST, UNAUTHORIZED, FORBIDDEN, INTERNAL_ERROR, DATABASE_UNAVAILABLE);

    private static final List<ProblemType> HOLDER_CALL = List.of(JOB_NOT_FOUND, LEASE_LOST);
    private static final List<ProblemType> CONTROL = List.of(JOB_NOT_FOUND, TRANSITION_NOT_ALLOWED, CONFLICT);

    private static final Map<String, List<ProblemType>> OWN = Map.ofEntries(
            Map.entry("createJob", List.of(PAYLOAD_TOO_LARGE)),
            Map.entry("createJobs", List.of(PAYLOAD_TOO_LARGE)),
            Map.entry("listJobs", List.of()),
            Map.entry("countJobs", List.of()),
            Map.entry("bulkControl", List.of(CONFLICT)),
            Map.entry("getJob", List.of(JOB_NOT_FOUND)),
            Map.entry("getResult", List.of(JOB_NOT_FOUND, RESULT_NOT_FOUND, JOB_FAILED, JOB_CANCELLED)),
            Map.entry("pullJobs", List.of()),
            Map.entry("heartbeat", HOLDER_CALL),
            Map.entry("release", HOLDER_CALL),
            Map.entry("fulfill", List.of(JOB_NOT_FOUND, LEASE_LOST, PAYLOAD_TOO_LARGE)),
            Map.entry("reportFailure", HOLDER_CALL),
            Map.entry("reportProgress", HOLDER_CALL),
            Map.entry("acknowledgeJobs", List.of(PAYLOAD_TOO_LARGE, CONFLICT)),
            Map.entry("heartbeatJobs", List.of()),
            Map.entry("appendLog", List.of(JOB_NOT_FOUND, PAYLOAD_TOO_LARGE)),
            Map.entry("readLogs", List.of(JOB_NOT_FOUND)),
            Map.entry("cancelJob", CONTROL),
            Map.entry("pauseJob", CONTROL),
            Map.entry("resumeJob", CONTROL),
            Map.entry("restartJob", CONTROL),
            Map.entry("rerunJob", CONTROL),
            Map.entry("removeJob", CONTROL),
            Map.entry("queueTarget", List.of(JOB_NOT_FOUND, PAYLOAD_TOO_LARGE)),
            Map.entry("unqueueTargets", List.of(JOB_NOT_FOUND)),
            Map.entry("retryTarget", List.of(JOB_NOT_FOUND, NOT_FOUND, TRANSITION_NOT_ALLOWED)),
            Map.entry("listQueues", List.of()),
            Map.entry("queueHistory", List.of()),
            Map.entry("workers", List.of()),
            Map.entry("whoAmI", List.of()),
            Map.entry("pauseQueue", List.of()),
            Map.entry("resumeQueue", List.of()),
            Map.entry("pullNotification", List.of()),
            Map.entry("notificationDone", HOLDER_CALL),
            Map.entry("issueToken", List.of()),
            Map.entry("listTokens", List.of()),
            Map.entry("revokeToken", List.of(NOT_FOUND)),
            Map.entry("listBatchJobs", List.of()),
            Map.entry("startBatchJob", List.of(NOT_FOUND)),
            Map.entry("listBatchExecutions", List.of(NOT_FOUND)),
            Map.entry("getBatchExecution", List.of(NOT_FOUND)),
            Map.entry("stopBatchExecution", List.of(NOT_FOUND, TRANSITION_NOT_ALLOWED)),
            Map.entry("restartBatchExecution", List.of(NOT_FOUND, TRANSITION_NOT_ALLOWED)));

    private OperationProblems() {}

    /** Every problem {@code operationId} may answer; only the common ones for an unknown id. */
    static List<ProblemType> of(String operationId) {
        return Stream.concat(EVERY_OPERATION.stream(), OWN.getOrDefault(operationId, List.of()).stream())
                .toList();
    }
}
