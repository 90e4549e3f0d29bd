package dev.jobstore.api.problem;

/** Every problem {@code type} the API answers with; clients may rely on these staying put. */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", 400, "The request is invalid"),
    MALFORMED_REQUEST("malformed-request", 400, "The request body is not JSON of the expected shape"),
    UNAUTHORIZED("unauthorized", 401, "Authentication required"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    JOB_NOT_FOUND("job-not-found", 404, "No such job"),
    RESULT_NOT_FOUND("result-not-found", 404, "The job has no result yet"),
    NOT_FOUND("not-found", 404, "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed on this resource"),
    NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation"),
    LEASE_LOST("lease-lost", 409, "The lease is lost"),
    JOB_FAILED("job-failed", 409, "The job failed: it has no result"),
    JOB_CANCELLED("job-cancelled", 409, "The job was cancelled: it has no result"),
    TRANSITION_NOT_ALLOWED("transition-not-allowed", 409, "The job's status does not allow this"),
    CONFLICT("conflict", 409, "Concurrent change; retry the request"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    INTERNAL_ERROR("internal-error", 500, "Internal server error"),
    DATABASE_UNAVAILABLE("database-unavailable", 503, "The database cannot be reached; retry shortly");

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
