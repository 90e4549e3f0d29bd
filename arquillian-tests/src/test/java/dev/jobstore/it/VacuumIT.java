package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.job.Fulfillment;
import dev.jobstore.job.NewJob;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store vacuums its own tables on a PostgreSQL whose autovacuum is off (as on the CI
 * machines): the test server looks every 0.5 s and vacuums past 200 dead rows
 * ({@code jobstore.vacuum.*}). Runs in the PostgreSQL suite only (-Ppostgresql); where
 * autovacuum runs, the store leaves vacuuming to it and this test fails, saying so. And its
 * sessions do not stay idle in a transaction for ever.
 */
@ExtendWith(ArquillianExtension.class)
class VacuumIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(VacuumIT.class);
    }

    @Inject
    JobStore store;

    @Resource(lookup = "java:jboss/datasources/JobStoreDS")
    DataSource dataSource;

    @Test
    void churned_job_rows_are_vacuumed_when_autovacuum_is_off() throws SQLException {
        assertEquals("off", single("show autovacuum"), "this test needs a PostgreSQL with autovacuum off");
        Timestamp before = (Timestamp) single("select now()");
        String queue = "vacuum-" + UUID.randomUUID();
        store.createAll(
                queue,
                IntStream.range(0, 300)
                        .mapToObj(i -> NewJob.of(Json.createValue(i)))
                        .toList());
        for (List<JobLease> leases = pull(queue); !leases.isEmpty(); leases = pull(queue)) {
            store.fulfillAll(leases.stream()
                    .map(lease -> Fulfillment.json(lease.jobId(), lease.token(), null))
                    .toList());
        }
        // 300 jobs claimed and fulfilled: 600 dead row versions in job.
        // Fails with the last vacuum seen unless one comes after the churn.
        Await.until(
                "a vacuum of job after the churn",
                Duration.ofSeconds(30),
                this::lastVacuum,
                at -> at != null && at.after(before));
    }

    // A session idle inside a transaction holds back what any vacuum may remove, and a node
    // paused or wedged mid-transaction holds its rows' locks until it wakes: PostgreSQL ends such
    // a session once it has been idle longer than WildFly's transaction timeout (300 s).
    @Test
    void the_pools_sessions_end_a_transaction_left_idle_past_the_transaction_timeout() throws SQLException {
        assertEquals("330s", single("select current_setting('idle_in_transaction_session_timeout')"));
    }

    private List<JobLease> pull(String queue) {
        return store.pullWork(queue, PullRequest.of("vacuum-test").withMax(100));
    }

    private Timestamp lastVacuum() {
        try {
            return (Timestamp) single("select last_vacuum from pg_stat_user_tables where relname = 'job'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one value a one-row, one-column query answers. */
    private Object single(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getObject(1);
        }
    }
}
