package dev.jobstore.api.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.JobNotFoundException;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.job.PayloadTooLargeException;
import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    private static Problem classify(Throwable thrown) {
        return Problems.classify(thrown).orElseThrow();
    }

    @Test
    void domain_exceptions_map_to_their_types() {
        UUID id = UUID.randomUUID();
        assertEquals("lease-lost", classify(new LeaseLostException(id, "gone")).type());
        assertEquals(409, classify(new LeaseLostException(id, "gone")).status());
        assertEquals("job-not-found", classify(new JobNotFoundException(id)).type());
        assertEquals(404, classify(new JobNotFoundException(id)).status());
        assertEquals(
                "invalid-request", classify(new InvalidRequestException("bad")).type());
        assertEquals(
                413,
                classify(new PayloadTooLargeException("payload", 10, 5, "x")).status());
    }

    @Test
    void wrapped_causes_are_found() {
        EJBException wrapped = new EJBException(new LeaseLostException(UUID.randomUUID(), "gone"));
        Problem problem = classify(wrapped);
        assertEquals("lease-lost", problem.type());
        assertTrue(problem.detail().contains("gone"));

        Problem json = classify(new ProcessingException(new JsonbException("Internal error: Invalid token=EOF")));
        assertEquals("malformed-request", json.type());
        assertEquals("Invalid token=EOF", json.detail());
    }

    @Test
    void an_optimistic_lock_failure_at_commit_is_a_conflict() {
        EJBTransactionRolledbackException rolledBack = new EJBTransactionRolledbackException(
                "rolled back", new RuntimeException(new OptimisticLockException("row was updated")));
        Problem problem = classify(rolledBack);
        assertEquals("conflict", problem.type());
        assertEquals(409, problem.status());
    }

    @Test
    void a_deadlock_or_serialization_failure_the_database_broke_is_a_conflict_to_retry() {
        for (String state : new String[] {"40P01", "40001"}) {
            Problem problem = classify(new EJBTransactionRolledbackException(
                    "rolled back", new RuntimeException(new java.sql.SQLException("deadlock detected", state))));
            assertEquals("conflict", problem.type(), state);
            assertEquals(409, problem.status(), state);
        }
        // a commit whose outcome is unknown may have been applied: not a conflict to retry blindly
        assertFalse(Problems.classify(new java.sql.SQLException("completion unknown", "40003"))
                .isPresent());
    }

    @Test
    void jax_rs_errors_keep_their_status() {
        assertEquals("not-found", classify(new NotFoundException()).type());
        assertEquals(405, classify(new NotAllowedException("GET")).status());
    }

    @Test
    void unknown_errors_are_internal_and_reveal_nothing() {
        assertFalse(
                Problems.classify(new IllegalStateException("secret internals")).isPresent());
        Response response = new ProblemMapper().toResponse(new IllegalStateException("secret internals"));
        Problem problem = (Problem) response.getEntity();
        assertEquals(500, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertEquals("internal-error", problem.type());
        assertFalse(problem.detail().contains("secret"));
        assertTrue(problem.instance().startsWith("urn:uuid:"));
    }

    @Test
    void a_lost_database_connection_is_a_503_with_retry_after() {
        RuntimeException wrapped = new EJBException(new RuntimeException(
                "could not prepare statement", new java.sql.SQLException("Connection refused", "08001")));
        Response response = new ProblemMapper().toResponse(wrapped);
        Problem problem = (Problem) response.getEntity();
        assertEquals(503, response.getStatus());
        assertEquals("database-unavailable", problem.type());
        assertEquals("2", response.getHeaderString("Retry-After"));
        assertEquals(
                "database-unavailable",
                classify(new EJBException(new jakarta.resource.ResourceException(
                                "IJ000453: Unable to get managed connection for java:jboss/datasources/JobStoreDS")))
                        .type());
        assertEquals(
                "database-unavailable",
                classify(new java.sql.SQLException("terminating connection", "57P01"))
                        .type());
        RuntimeException failedCommit = new RuntimeException("ARJUNA016053: Could not commit transaction.");
        failedCommit.addSuppressed(new RuntimeException(
                "IJ001156: Could not commit local transaction",
                new java.sql.SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertEquals(
                "database-unavailable",
                classify(new EJBException(failedCommit)).type(),
                "the lost connection of a failed commit is reported as a suppressed exception");
        assertEquals(
                "database-unavailable",
                classify(new EJBException(new RuntimeException(
                                "could not prepare statement",
                                new java.sql.SQLException(
                                        "IJ031070: Transaction cannot proceed: STATUS_MARKED_ROLLBACK"))))
                        .type(),
                "the pool refuses a transaction that a lost connection marked for rollback");
        assertEquals(
                "database-unavailable",
                classify(new EJBException(new RuntimeException(
                                "could not prepare statement",
                                new java.sql.SQLTransactionRollbackException(
                                        "IJ031070: Transaction cannot proceed: STATUS_ROLLEDBACK"))))
                        .type(),
                "the pool refuses a transaction that was rolled back");
        assertEquals(
                "database-unavailable",
                classify(new EJBException(new dev.jobstore.job.DatabaseUnavailableException("could not read Job")))
                        .type(),
                "a lookup that could not tell whether its row exists");
        assertFalse(
                Problems.classify(new java.sql.SQLException("syntax error", "42601"))
                        .isPresent(),
                "a SQL bug is an internal error, not an outage");
    }

    @Test
    void a_malformed_url_is_an_invalid_request() {
        Problem problem = classify(
                new IllegalArgumentException(new java.net.URISyntaxException("/a?x=%ZZ", "Malformed escape pair", 5)));
        assertEquals("invalid-request", problem.type());
        assertEquals(400, problem.status());
        assertTrue(problem.detail().contains("Malformed escape pair"), problem.detail());
    }

    @Test
    void a_value_the_database_refuses_is_an_invalid_request() {
        Problem problem = classify(new jakarta.persistence.PersistenceException(
                new java.sql.SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")));
        assertEquals("invalid-request", problem.type());
        assertTrue(problem.detail().contains("22021"), problem.detail());
    }
}
