package dev.jobstore.it.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.batch.BatchExecutionView;
import dev.jobstore.batch.BatchOperations;
import dev.jobstore.batch.BatchStepView;
import dev.jobstore.control.JobControl;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.FinishedJobs;
import dev.jobstore.job.Created;
import dev.jobstore.job.Fulfillment;
import dev.jobstore.job.JobQuery;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.NewJob;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.notification.Notifications;
import dev.jobstore.retention.PruneSchedule;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code prune-finished-jobs}: each final status after its own retention, the jobs it must keep,
 * a stopped run restarting from its checkpoint, and the archive. Jobs are finished days ago by
 * moving their finish time back, and every run keeps whatever finished in the last day, so only
 * this test's jobs are ever old enough.
 */
@ExtendWith(ArquillianExtension.class)
class PruneIT {

    private static final Duration DAYS_AGO_3 = Duration.ofDays(3);
    private static final Duration HOURS_AGO_12 = Duration.ofHours(12);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(PruneIT.class, FinishedJobs.class, Await.class);
    }

    @Inject
    JobStore store;

    @Inject
    JobControl control;

    @Inject
    Notifications notifications;

    @Inject
    BatchOperations batch;

    @Inject
    PruneSchedule schedule;

    @Resource(lookup = "java:jboss/datasources/JobStoreDS")
    DataSource dataSource;

    private FinishedJobs jobs;
    private String queue;

    @BeforeEach
    void setUp() {
        jobs = new FinishedJobs(store, control, dataSource);
        queue = "prune-" + UUID.randomUUID();
    }

    @Test
    void each_final_status_goes_after_its_own_retention_with_everything_it_holds() {
        UUID oldFulfilled = jobs.fulfilled(queue, DAYS_AGO_3);
        UUID newFulfilled = jobs.fulfilled(queue, HOURS_AGO_12);
        UUID failedWithinRetention = jobs.failed(queue, DAYS_AGO_3);
        UUID failedPastRetention = jobs.failed(queue, Duration.ofDays(6));
        UUID cancelledKeptForever = jobs.cancelled(queue, Duration.ofDays(30));
        UUID pending = store.create(queue, NewJob.of(Json.createValue("waiting")))
                .job()
                .id();
        assertEquals(1, jobs.rows("job_result", "job_id", oldFulfilled));
        assertEquals(1, jobs.rows("job_failure", "job_id", failedPastRetention));
        assertEquals(1, jobs.rows("job_log", "job_id", cancelledKeptForever), "the cancel's audit line");

        BatchExecutionView run = prune(Map.of("fulfilled", "P1D", "failed", "P5D", "cancelled", "0"));

        assertEquals("COMPLETED", run.status());
        assertFalse(jobs.exists(oldFulfilled));
        assertEquals(0, jobs.rows("job_result", "job_id", oldFulfilled), "its result goes with it");
        assertFalse(jobs.exists(failedPastRetention));
        assertEquals(0, jobs.rows("job_failure", "job_id", failedPastRetention), "its failures go with it");
        assertTrue(jobs.exists(newFulfilled), "finished 12 h ago, within a day");
        assertTrue(jobs.exists(failedWithinRetention), "failed 3 days ago, within 5");
        assertTrue(jobs.exists(cancelledKeptForever), "cancelled jobs are kept forever (0)");
        assertTrue(jobs.exists(pending));
        assertEquals(1, jobs.rows("job_log", "job_id", cancelledKeptForever));
        assertTrue(run.steps().get(0).exitStatus().startsWith("PRUNED "), run.toString());
    }

    @Test
    void a_job_that_an_unfinished_job_depends_on_or_with_pending_targets_is_kept() {
        UUID prerequisite = jobs.fulfilled(queue, DAYS_AGO_3);
        UUID dependent = store.create( // in a queue of its own, where no one leases it
                        queue + "-next", NewJob.of(Json.createValue("next")).withDependsOn(List.of(prerequisite)))
                .job()
                .id();
        UUID notifying = jobs.fulfilled(queue, DAYS_AGO_3);
        notifications.queue(notifying, Json.createValue("inbox-" + queue));

        prune(fulfilledOnly());
        assertTrue(jobs.exists(prerequisite), "a PENDING job depends on it");
        assertTrue(jobs.exists(notifying), "a target is still PENDING");

        control.cancel(dependent);
        prune(fulfilledOnly());
        assertFalse(jobs.exists(prerequisite), "its dependent is final now");
        assertTrue(jobs.exists(dependent), "cancelled just now");
        assertTrue(jobs.exists(notifying));
    }

    @Test
    void a_stopped_run_restarts_from_its_checkpoint() {
        prune(fulfilledOnly()); // nothing old from other tests is left to count
        int total = 1500;
        for (int batchStart = 0; batchStart < total; batchStart += 500) {
            store.createAll(
                    queue,
                    IntStream.range(batchStart, batchStart + 500)
                            .mapToObj(i -> NewJob.of(Json.createValue(i)))
                            .toList());
        }
        for (List<JobLease> leases = pull(); !leases.isEmpty(); leases = pull()) {
            store.fulfillAll(leases.stream()
                    .map(lease -> Fulfillment.json(lease.jobId(), lease.token(), null))
                    .toList());
        }
        jobs.finishedAgo(queue, DAYS_AGO_3);
        Map<String, String> parameters = new HashMap<>(fulfilledOnly());
        parameters.put("chunkSize", "5");
        long first = batch.start("prune-finished-jobs", parameters).id();
        Await.until(
                "two chunks committed",
                Duration.ofSeconds(60),
                () -> step(batch.execution(first)),
                s -> s.commit() >= 2);
        batch.stop(first);
        BatchExecutionView stopped = FinishedJobs.ended(batch, first);
        assertEquals("STOPPED", stopped.status(), "the run ended before the stop reached it: make it longer");
        long left = count();
        assertEquals(total - step(stopped).write(), left, "every chunk written was committed, no more");
        assertTrue(left > 0 && left < total, left + " left");

        BatchExecutionView restarted =
                FinishedJobs.ended(batch, batch.restart(first).id());

        assertEquals("COMPLETED", restarted.status());
        assertEquals(left, step(restarted).read(), "the restart read only what the first run had not pruned");
        assertEquals(0, count());
    }

    @Test
    void an_archiving_run_writes_each_job_with_its_result_before_deleting_it() throws IOException {
        UUID json = jobs.fulfilled(queue, DAYS_AGO_3);
        UUID failed = jobs.failed(queue, DAYS_AGO_3);
        Map<String, String> parameters = new HashMap<>(Map.of("fulfilled", "P1D", "failed", "P1D", "cancelled", "0"));
        parameters.put("archive", "true");

        BatchExecutionView run = prune(parameters);

        assertEquals("COMPLETED", run.status());
        assertFalse(jobs.exists(json));
        assertFalse(jobs.exists(failed));
        Map<String, JsonObject> archived = archived();
        JsonObject fulfilledLine = archived.get(json.toString());
        assertEquals("FULFILLED", fulfilledLine.getJsonObject("job").getString("status"));
        assertEquals(queue, fulfilledLine.getJsonObject("job").getString("queue"));
        assertEquals("work", fulfilledLine.getJsonObject("job").getString("payload"));
        assertEquals("application/json", fulfilledLine.getJsonObject("result").getString("contentType"));
        assertEquals(
                json.toString(),
                fulfilledLine.getJsonObject("result").getJsonObject("value").getString("done"));
        JsonObject failedLine = archived.get(failed.toString());
        assertEquals("FAILED", failedLine.getJsonObject("job").getString("status"));
        assertEquals(
                "it broke",
                failedLine
                        .getJsonObject("job")
                        .getJsonArray("failures")
                        .getJsonObject(0)
                        .getString("error"));
        assertFalse(failedLine.containsKey("result"));
    }

    @Test
    void the_days_prune_is_one_leased_job_however_many_nodes_create_it() {
        Created first = schedule.createTodaysPrune();
        Created again = schedule.createTodaysPrune(); // as a second node's timer would

        assertEquals(first.job().id(), again.job().id());
        assertEquals("batch", first.job().queue());
        JobView done = Await.until(
                "the day's prune to finish",
                Duration.ofSeconds(60),
                () -> store.get(first.job().id()),
                job -> job.status().isFinal());
        assertEquals(JobStatus.FULFILLED, done.status(), done.toString());
        assertEquals(
                "COMPLETED",
                FinishedJobs.leasedBy(batch, "prune-finished-jobs", done.id())
                        .get(0)
                        .status());
    }

    private BatchExecutionView prune(Map<String, String> parameters) {
        return FinishedJobs.ended(
                batch, batch.start("prune-finished-jobs", parameters).id());
    }

    private static Map<String, String> fulfilledOnly() {
        return Map.of("fulfilled", "P1D", "failed", "0", "cancelled", "0");
    }

    private static BatchStepView step(BatchExecutionView execution) {
        return execution.steps().isEmpty()
                ? new BatchStepView(0, "prune", "STARTING", null, null, null, 0, 0, 0, 0, 0, 0, 0, 0)
                : execution.steps().get(0);
    }

    private List<JobLease> pull() {
        return store.pullWork(queue, PullRequest.of("retention-test").withMax(100));
    }

    private long count() {
        return store.count(new JobQuery(queue, null, null, null, null, null));
    }

    /** Every line of every archive file, by job id. */
    private static Map<String, JsonObject> archived() throws IOException {
        Map<String, JsonObject> lines = new HashMap<>();
        Path directory = Path.of(System.getProperty("jobstore.retention.archive-directory"));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(directory)) {
            listed.forEach(files::add);
        }
        for (Path file : files) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                reader.lines()
                        .map(line -> Json.createReader(new StringReader(line)).readObject())
                        .forEach(line -> lines.put(line.getJsonObject("job").getString("id"), line));
            }
        }
        return lines;
    }
}
