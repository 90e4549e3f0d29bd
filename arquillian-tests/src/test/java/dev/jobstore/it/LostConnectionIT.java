package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.DoomedTransaction;
import dev.jobstore.job.DatabaseUnavailableException;
import dev.jobstore.job.JobNotFoundException;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.NewJob;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A lost database connection never reads as a missing row. When WildFly's pool loses the
 * connection of a transaction it marks the transaction for rollback and refuses its later
 * statements, and Hibernate's {@code find} then answers null (HHH-12472): a fulfill while
 * PostgreSQL shut down answered 404 {@code job-not-found} for a job that existed. The test dooms
 * a transaction halfway as the pool does, then looks up an existing job in it.
 */
@ExtendWith(ArquillianExtension.class)
class LostConnectionIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(LostConnectionIT.class, DoomedTransaction.class);
    }

    @Inject
    JobStore store;

    @Inject
    DoomedTransaction doomed;

    private final String queue = "lost-connection-" + UUID.randomUUID();

    @Test
    void a_lookup_in_a_transaction_the_pool_gave_up_answers_unavailable_never_not_found() throws Exception {
        JobView job = store.create(queue, NewJob.of(Json.createValue(1))).job();
        JobLease lease = store.pullWork(queue, "lost-connection-worker").orElseThrow();
        UUID other = store.create(queue, NewJob.of(Json.createValue(2))).job().id();

        assertUnavailable(other, () -> store.get(job.id()));
        assertUnavailable(other, () -> store.heartbeat(job.id(), lease.token(), null));
        assertUnavailable(
                other, () -> store.fulfill(job.id(), lease.token(), "v".getBytes(StandardCharsets.UTF_8), null));

        // In a healthy transaction the job is there, still leased, and a missing one is missing.
        assertEquals(JobStatus.RUNNING, store.get(job.id()).status());
        assertThrows(JobNotFoundException.class, () -> store.get(UUID.randomUUID()));
        lease.fulfill("v".getBytes(StandardCharsets.UTF_8), "text/plain");
        assertEquals(JobStatus.FULFILLED, store.get(job.id()).status());
    }

    /** Runs {@code call} in a transaction that read {@code touched} and then lost the database. */
    private void assertUnavailable(UUID touched, Callable<?> call) {
        Exception thrown = assertThrows(Exception.class, () -> doomed.call(touched, call));
        assertTrue(isOutage(thrown), () -> "expected the database to be reported unavailable, got " + chain(thrown));
    }

    /** A {@link DatabaseUnavailableException} or the pool's refusal, and no domain answer anywhere in the chain. */
    private static boolean isOutage(Throwable thrown) {
        boolean outage = false;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof JobNotFoundException) {
                return false;
            }
            outage |= t instanceof DatabaseUnavailableException
                    || String.valueOf(t.getMessage()).contains("IJ031070");
        }
        return outage;
    }

    private static String chain(Throwable thrown) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            chain.append("\n  ").append(t);
        }
        return chain.toString();
    }
}
