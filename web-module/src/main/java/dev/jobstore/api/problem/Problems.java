package dev.jobstore.api.problem;

import dev.jobstore.batch.BatchNotFoundException;
import dev.jobstore.job.DatabaseUnavailableException;
import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.JobCancelledException;
import dev.jobstore.job.JobFailedException;
import dev.jobstore.job.JobNotFoundException;
import dev.jobstore.job.JobStoreException;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.job.PayloadTooLargeException;
import dev.jobstore.job.ResultNotFoundException;
import dev.jobstore.job.TargetNotFoundException;
import dev.jobstore.job.TransitionNotAllowedException;
import dev.jobstore.security.ForbiddenException;
import dev.jobstore.token.TokenNotFoundException;
import jakarta.ejb.EJBAccessException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.WebApplicationException;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns anything thrown while serving a request into a problem. Container layers wrap the real
 * cause ({@code EJBException}, transaction rollbacks, JAX-RS reader errors), so the whole cause
 * chain is searched, the most telling kind of cause first.
 */
public final class Problems {

    private static final Map<Class<? extends JobStoreException>, ProblemType> DOMAIN = Map.ofEntries(
            Map.entry(InvalidRequestException.class, ProblemType.INVALID_REQUEST),
            Map.entry(JobNotFoundException.class, ProblemType.JOB_NOT_FOUND),
            Map.entry(ResultNotFoundException.class, ProblemType.RESULT_NOT_FOUND),
            Map.entry(JobFailedException.class, ProblemType.JOB_FAILED),
            Map.entry(JobCancelledException.class, ProblemType.JOB_CANCELLED),
            Map.entry(LeaseLostException.class, ProblemType.LEASE_LOST),
            Map.entry(PayloadTooLargeException.class, ProblemType.PAYLOAD_TOO_LARGE),
            Map.entry(TransitionNotAllowedException.class, ProblemType.TRANSITION_NOT_ALLOWED),
            Map.entry(ForbiddenException.class, ProblemType.FORBIDDEN),
            Map.entry(TokenNotFoundException.class, ProblemType.NOT_FOUND),
            Map.entry(TargetNotFoundException.class, ProblemType.NOT_FOUND),
            Map.entry(BatchNotFoundException.class, ProblemType.NOT_FOUND));

    /** Hibernate's exceptions for a lost optimistic or unique-key race, matched by name. */
    private static final Set<String> RACES = Set.of(
            "org.hibernate.StaleStateException",
            "org.hibernate.StaleObjectStateException",
            "org.hibernate.exception.ConstraintViolationException");

    private static final Set<String> RETRYABLE_ROLLBACKS = Set.of("40001", "40P01");

    /** IronJacamar's message id for a statement refused because its transaction is doomed. */
    private static final String DOOMED_TRANSACTION = "IJ031070";

    private Problems() {}

    /** The problem for {@code thrown}, or empty when it is an internal error. */
    public static Optional<Problem> classify(Throwable thrown) {
        Optional<Problem> domain = find(thrown, JobStoreException.class::isInstance)
                .map(e -> Problem.of(DOMAIN.getOrDefault(e.getClass(), ProblemType.INVALID_REQUEST), e.getMessage()));
        if (domain.isPresent()) {
            return domain;
        }
        Optional<Problem> refused = find(thrown, EJBAccessException.class::isInstance)
                .map(e -> Problem.of(ProblemType.FORBIDDEN, "the caller's roles do not allow this request"));
        if (refused.isPresent()) {
            return refused;
        }
        // The URL is left encoded for JAX-RS (http.cli), which parses it as a URI when routing.
        Optional<Problem> badUrl = find(thrown, URISyntaxException.class::isInstance)
                .map(e -> Problem.of(
                        ProblemType.INVALID_REQUEST,
                        "the request URL is malformed: " + ((URISyntaxException) e).getReason()));
        if (badUrl.isPresent()) {
            return badUrl;
        }
        Optional<Problem> malformed = find(thrown, e -> e instanceof JsonbException || e instanceof JsonException)
                .map(e -> Problem.of(ProblemType.MALFORMED_REQUEST, withoutPrefix(e.getMessage())));
        if (malformed.isPresent()) {
            return malformed;
        }
        Optional<Problem> unavailable = find(thrown, Problems::isDatabaseUnreachable)
                .map(e -> Problem.of(
                        ProblemType.DATABASE_UNAVAILABLE,
                        "the job store lost or cannot reach its database; the request may not have been applied:"
                                + " retry shortly (creates with a key are safe to retry)"));
        if (unavailable.isPresent()) {
            return unavailable;
        }
        Optional<Problem> refusedData = find(thrown, Problems::isDataException)
                .map(e -> Problem.of(
                        ProblemType.INVALID_REQUEST,
                        "the database refused a value of the request as invalid data (SQLSTATE "
                                + ((SQLException) e).getSQLState() + "); nothing was stored"));
        if (refusedData.isPresent()) {
            return refusedData;
        }
        Optional<Problem> race = find(
                        thrown,
                        e -> e instanceof OptimisticLockException
                                || RACES.contains(e.getClass().getName())
                                || isRolledBack(e))
                .map(e -> Problem.of(
                        ProblemType.CONFLICT, "another request changed the same job at the same moment; retry"));
        if (race.isPresent()) {
            return race;
        }
        if (thrown instanceof WebApplicationException web) {
            return Optional.of(forStatus(web.getResponse().getStatus(), web.getMessage()));
        }
        return Optional.empty();
    }

    /**
     * A lost or refused database connection: SQLSTATE class 08 (connection exception) or 57P
     * (the server shutting down), or the connection pool unable to hand out a connection. The
     * pool's refusal to run a statement in a transaction already doomed (IronJacamar's IJ031070,
     * "Transaction cannot proceed", without SQLSTATE) counts too: during an outage it follows
     * an earlier statement's lost connection, and nothing of the transaction was applied. So
     * does a lookup that could not tell whether its row exists ({@link DatabaseUnavailableException}).
     */
    private static boolean isDatabaseUnreachable(Throwable e) {
        if (e instanceof DatabaseUnavailableException) {
            return true;
        }
        if (e instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || state.startsWith("57P");
        }
        if (e instanceof SQLException sql
                && sql.getMessage() != null
                && sql.getMessage().startsWith(DOOMED_TRANSACTION)) {
            return true;
        }
        return e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException
                || e instanceof ResourceException;
    }

    /**
     * The database chose this transaction as the victim of a deadlock (SQLSTATE 40P01) or of a
     * serialization failure (40001; H2's deadlock too), and nothing of it was applied. It is rare
     * (heartbeats never wait on a row lock, and an acknowledgement locks only the rows whose
     * current lease it holds; two from the same holder answering for the same jobs at once may
     * still meet), and where it happens the caller may simply retry. The rest of class 40 (an integrity violation at
     * commit, a commit whose outcome is unknown) is not safe to retry, and stays an error.
     */
    private static boolean isRolledBack(Throwable e) {
        return e instanceof SQLException sql && RETRYABLE_ROLLBACKS.contains(sql.getSQLState());
    }

    /** SQLSTATE class 22, data exception: a value the database cannot store (too long, out of range, a NUL). */
    private static boolean isDataException(Throwable e) {
        return e instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22");
    }

    // Yasson prefixes parser errors with "Internal error: ", which they are not.
    private static String withoutPrefix(String message) {
        String prefix = "Internal error: ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** The problem for a bare HTTP status the container or JAX-RS produced. */
    static Problem forStatus(int status, String message) {
        return switch (status) {
            case 401 ->
                Problem.of(
                        ProblemType.UNAUTHORIZED,
                        "credentials are required (HTTP Basic, or an API token as a bearer token);"
                                + " none were sent, or those sent were not accepted");
            case 403 -> Problem.of(ProblemType.FORBIDDEN, "the caller may not do this");
            case 404 -> Problem.of(ProblemType.NOT_FOUND, "no resource at this path");
            case 405 -> Problem.of(ProblemType.METHOD_NOT_ALLOWED, message);
            case 406 -> Problem.of(ProblemType.NOT_ACCEPTABLE, message);
            case 415 -> Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, message);
            default ->
                status < 500
                        ? new Problem(
                                ProblemType.INVALID_REQUEST.slug(),
                                ProblemType.INVALID_REQUEST.title(),
                                status,
                                message,
                                null)
                        : Problem.of(ProblemType.INTERNAL_ERROR, "the server failed to process the request");
        };
    }

    // Causes first, then suppressed exceptions: a failed commit reports the lost connection
    // as a suppressed exception of its RollbackException.
    private static Optional<Throwable> find(Throwable thrown, Predicate<Throwable> kind) {
        Deque<Throwable> toSee = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        toSee.add(thrown);
        while (!toSee.isEmpty()) {
            Throwable t = toSee.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (kind.test(t)) {
                return Optional.of(t);
            }
            if (t.getCause() != null) {
                toSee.add(t.getCause());
            }
            toSee.addAll(List.of(t.getSuppressed()));
        }
        return Optional.empty();
    }
}
