package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.control.JobControl;
import dev.jobstore.it.support.AsAdmin;
import dev.jobstore.it.support.AsProducer;
import dev.jobstore.it.support.AsViewer;
import dev.jobstore.it.support.AsWorker;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.CallsAs;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.NewJob;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.log.JobLogs;
import dev.jobstore.log.LogLine;
import dev.jobstore.notification.Notifications;
import dev.jobstore.queue.Queues;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import dev.jobstore.token.ApiTokens;
import dev.jobstore.token.NewToken;
import dev.jobstore.worker.WorkerOptions;
import dev.jobstore.worker.WorkerPool;
import dev.jobstore.worker.WorkerPools;
import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same rules through the Java API, for callers inside the server: each role's bean
 * ({@code @RunAs}) may do its part and is refused the rest, and a refused call changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
class JavaApiRolesIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(JavaApiRolesIT.class);
    }

    @Inject
    AsProducer producer;

    @Inject
    AsWorker worker;

    @Inject
    AsViewer viewer;

    @Inject
    AsAdmin admin;

    @Inject
    JobStore store;

    @Inject
    JobControl control;

    @Inject
    Queues queues;

    @Inject
    JobLogs logs;

    @Inject
    Notifications notifications;

    @Inject
    ApiTokens tokens;

    @Inject
    WorkerPools pools;

    private final String queue = "java-roles-" + UUID.randomUUID();

    @Test
    void a_producer_creates_reads_and_queues_targets_and_may_not_work_or_control() throws Exception {
        UUID id = producer.call(
                () -> store.create(queue, NewJob.of(Json.createValue(1))).job().id());
        assertEquals(JobStatus.PENDING, producer.call(() -> store.get(id)).status());
        producer.call(() -> notifications.queue(id, Json.createValue("to-someone")));

        refused(producer, id, () -> store.pullWork(queue, "producer"));
        refused(producer, id, () -> control.cancel(id));
        refused(producer, id, () -> queues.pause(queue));
        refused(producer, id, () -> logs.append(id, new LogLine(null, null, "m", null)));
        refused(producer, id, () -> tokens.list());
    }

    @Test
    void a_worker_leases_and_fulfills_and_may_not_create_or_control() throws Exception {
        UUID id = admin.call(
                () -> store.create(queue, NewJob.of(Json.createValue(1))).job().id());
        refused(worker, id, () -> store.create(queue, NewJob.of(Json.createValue(2))));
        refused(worker, id, () -> control.pause(id));
        refused(worker, id, () -> notifications.queue(id, Json.createValue("t")));

        JobLease lease = worker.call(() -> store.pullWork(queue, "java-worker").orElseThrow());
        worker.call(() -> logs.append(id, new LogLine(null, null, "working", null)));
        worker.call(() -> lease.fulfill(Json.createValue("done")));
        assertEquals(JobStatus.FULFILLED, worker.call(() -> store.get(id)).status());
    }

    @Test
    void a_viewer_reads_everything_and_changes_nothing() throws Exception {
        UUID id = admin.call(
                () -> store.create(queue, NewJob.of(Json.createValue(1))).job().id());
        assertEquals(id, viewer.call(() -> store.get(id)).id());
        assertTrue(
                viewer.call(() -> queues.all()).stream().anyMatch(q -> q.queue().equals(queue)));
        assertEquals(List.of(), viewer.call(() -> logs.lines(id)));

        refused(viewer, id, () -> store.create(queue, NewJob.of(Json.createValue(2))));
        refused(viewer, id, () -> store.pullWork(queue, PullRequest.of("viewer")));
        refused(viewer, id, () -> {
            control.remove(id, true);
            return null;
        });
        refused(viewer, id, () -> queues.pause(queue));
        refused(viewer, id, () -> tokens.issue(new NewToken("v", List.of("admin"), null, null)));
    }

    @Test
    void an_admin_controls_and_the_log_says_who_did_it() throws Exception {
        UUID id = admin.call(
                () -> store.create(queue, NewJob.of(Json.createValue(1))).job().id());
        admin.call(() -> control.pause(id));
        admin.call(() -> control.resume(id));
        admin.call(() -> control.cancel(id));
        List<String> audit =
                admin.call(() -> logs.lines(id)).stream().map(LogLine::message).toList();
        assertEquals(3, audit.size(), audit::toString);
        assertTrue(audit.get(0).startsWith("paused by "), audit::toString);
        assertTrue(audit.get(2).startsWith("cancelled by "), audit::toString);
    }

    @Test
    void an_in_process_pool_works_with_the_stores_own_identity_whoever_starts_it() throws Exception {
        UUID id = admin.call(
                () -> store.create(queue, NewJob.of(Json.createValue(20))).job().id());
        WorkerPool pool = viewer.call(() -> pools.processJobs(
                queue, WorkerOptions.defaults().withPollWait(Duration.ofSeconds(1)), lease -> Json.createValue("ok")));
        try {
            Await.until(
                    "the pool to fulfill the job",
                    Duration.ofSeconds(30),
                    () -> store.get(id).status(),
                    status -> status == JobStatus.FULFILLED);
        } finally {
            pool.shutdown(Duration.ofSeconds(5));
        }
    }

    /** {@code call} as {@code caller} is refused for its roles, and job {@code id} is unchanged. */
    private void refused(CallsAs caller, UUID id, Callable<?> call) {
        JobView before = store.get(id);
        Exception thrown = assertThrows(Exception.class, () -> caller.call(call));
        assertTrue(causedByAccessRefusal(thrown), () -> "not an access refusal: " + thrown);
        JobView after = store.get(id);
        assertEquals(before.version(), after.version(), "a refused call changed the job");
        assertEquals(before.status(), after.status());
    }

    private static boolean causedByAccessRefusal(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof EJBAccessException) {
                return true;
            }
        }
        return false;
    }
}
