package dev.jobstore.it.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.batch.BatchExecutionView;
import dev.jobstore.batch.BatchOperations;
import dev.jobstore.control.JobControl;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.FinishedJobs;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.NewJob;
import dev.jobstore.load.batch.ItemGate;
import dev.jobstore.load.batch.RecordedItems;
import dev.jobstore.log.JobLogs;
import dev.jobstore.store.JobStore;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Batch executions as leased jobs, with load-app's {@code numbered-items} (items written to
 * {@code batch_item}, each chunk with its checkpoint and the lease check): a run to the end, the
 * payloads and jobs that cannot run, a chunk refused once the lease is gone, and a run taken over
 * by the job's next holder from its checkpoint. {@link ItemGate} holds a chunk inside its
 * transaction while the test takes the lease away.
 */
@ExtendWith(ArquillianExtension.class)
class LeasedBatchIT {

    private static final String BATCH_QUEUE = "batch";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(LeasedBatchIT.class, FinishedJobs.class, Await.class);
    }

    @Inject
    JobStore store;

    @Inject
    JobControl control;

    @Inject
    JobLogs logs;

    @Inject
    BatchOperations batch;

    @Resource(lookup = "java:jboss/datasources/JobStoreDS")
    DataSource dataSource;

    private String run;

    @BeforeEach
    void setUp() throws SQLException {
        run = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(RecordedItems.TABLE);
        }
    }

    @Test
    void a_leased_batch_job_runs_to_the_end_and_fulfills_the_job_with_its_execution() {
        UUID job = create(items(50, 10));

        JobView done = finished(job);

        assertEquals(JobStatus.FULFILLED, done.status(), done.toString());
        assertEquals(1, done.progress().getCompleted());
        assertEquals(1, done.progress().getTotal());
        JsonObject execution = Json.createReader(
                        new ByteArrayInputStream(store.result(job).content()))
                .readObject();
        assertEquals("COMPLETED", execution.getString("status"));
        assertEquals(job.toString(), execution.getString("leasedBy"));
        assertEquals(50, execution.getJsonArray("steps").getJsonObject(0).getInt("write"));
        assertEquals(50, rows(), "each item once");
        assertTrue(
                logs.lines(job).get(0).message().contains("started"),
                logs.lines(job).toString());
    }

    @Test
    void a_payload_or_a_batch_job_that_cannot_run_fails_the_job_without_retries() {
        UUID noName = store.create(BATCH_QUEUE, NewJob.of(Json.createValue("reindex")))
                .job()
                .id();
        UUID unknown = create(Json.createObjectBuilder().add("batchJob", "no-such-job"));
        UUID unfenced = create(Json.createObjectBuilder()
                .add("batchJob", "unfenced-items")
                .add("parameters", Json.createObjectBuilder().add("items", 5).add("run", run)));
        UUID badParameter = create(Json.createObjectBuilder()
                .add("batchJob", "numbered-items")
                .add("parameters", Json.createObjectBuilder().add("nope", 1)));

        assertFailedOnce(noName, "needs a payload");
        assertFailedOnce(unknown, "no batch job named 'no-such-job'");
        assertFailedOnce(unfenced, "cannot run under a lease");
        assertFailedOnce(badParameter, "has no parameter 'nope'");
        assertEquals(0, rows(), "the unfenced job never started");
    }

    @Test
    void a_chunk_whose_lease_was_taken_away_rolls_back() throws InterruptedException {
        UUID job = create(items(50, 10).add("parameters", parameters(50, 10).add("holdAt", 25)));
        assertTrue(ItemGate.awaitHeld(run, 60), "the third chunk did not start");

        control.cancel(job); // the lease goes with it
        ItemGate.open(run);

        BatchExecutionView execution =
                FinishedJobs.ended(batch, executions(job).get(0).id());
        assertNotEquals("COMPLETED", execution.status());
        assertEquals(20, rows(), "the two chunks before, and not the refused one");
        assertEquals(JobStatus.CANCELLED, store.get(job).status());
    }

    @Test
    void the_next_holder_restarts_the_execution_from_its_checkpoint() throws InterruptedException {
        UUID job = create(items(50, 10).add("parameters", parameters(50, 10).add("holdAt", 25)));
        assertTrue(ItemGate.awaitHeld(run, 60), "the third chunk did not start");
        long firstExecution = executions(job).get(0).id();

        // As if the holder's node had stalled: its lease runs out, the sweep takes the job back,
        // and the pool leases it again (a second handler) while the first chunk is still held.
        jobs().expireLease(job);
        Await.until("a second execution", Duration.ofSeconds(60), () -> executions(job), list -> list.size() == 2);
        ItemGate.open(run);

        JobView done = finished(job);
        assertEquals(JobStatus.FULFILLED, done.status(), done.toString());
        assertEquals(1, done.releases(), "the stalled lease was swept once");
        List<BatchExecutionView> executions = executions(job);
        BatchExecutionView second = FinishedJobs.ended(batch, executions.get(0).id());
        assertEquals("COMPLETED", second.status());
        assertEquals(30, second.steps().get(0).read(), "restarted after the checkpoint at item 20");
        assertNotEquals("COMPLETED", FinishedJobs.ended(batch, firstExecution).status());
        assertEquals(50, rows(), "every item exactly once (the primary key refuses a second)");
        assertEquals(20, rows(firstExecution), "the first execution's chunks before the stall");
    }

    private UUID create(JsonObjectBuilder payload) {
        return store.create(BATCH_QUEUE, NewJob.of(payload.build())).job().id();
    }

    private JsonObjectBuilder items(int count, int chunk) {
        return Json.createObjectBuilder().add("batchJob", "numbered-items").add("parameters", parameters(count, chunk));
    }

    private JsonObjectBuilder parameters(int count, int chunk) {
        return Json.createObjectBuilder()
                .add("items", count)
                .add("chunk", chunk)
                .add("run", run);
    }

    private JobView finished(UUID job) {
        return Await.until(
                "job " + job + " to finish",
                Duration.ofSeconds(90),
                () -> store.get(job),
                view -> view.status().isFinal());
    }

    private void assertFailedOnce(UUID job, String why) {
        JobView failed = finished(job);
        assertEquals(JobStatus.FAILED, failed.status(), failed.toString());
        assertEquals(1, failed.attempts(), "no retry");
        assertTrue(
                failed.failures().get(0).getError().contains(why),
                failed.failures().toString());
    }

    private List<BatchExecutionView> executions(UUID job) {
        return FinishedJobs.leasedBy(batch, "numbered-items", job);
    }

    private long rows() {
        return jobs().count("select count(*) from batch_item where run = ?", run);
    }

    private long rows(long execution) {
        return jobs().count("select count(*) from batch_item where run = ? and execution_id = ?", run, execution);
    }

    private FinishedJobs jobs() {
        return new FinishedJobs(store, control, dataSource);
    }
}
