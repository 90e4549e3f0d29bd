package dev.jobstore.api.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one exception mapper: every error leaves as {@code application/problem+json}. What
 * cannot be classified is an internal error: logged with a fresh instance id, which is all
 * the response reveals of it.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    static final String PROBLEM_JSON = "application/problem+json";
    static final int RETRY_AFTER_SECONDS = 2;

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Problem problem = Problems.classify(thrown).orElseGet(() -> internalError(thrown));
        Response.ResponseBuilder response =
                Response.status(problem.status()).type(PROBLEM_JSON).entity(problem);
        if (problem.status() == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    private static Problem internalError(Throwable thrown) {
        String instance = "urn:uuid:" + UUID.randomUUID();
        LOG.log(Level.SEVERE, "Internal error " + instance, thrown);
        ProblemType type = ProblemType.INTERNAL_ERROR;
        return new Problem(
                type.slug(),
                type.title(),
                type.status(),
                "the server failed to process the request; it logged the details under this instance id",
                instance);
    }
}
