package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Api.Reply;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.LockWaits;
import dev.jobstore.it.support.StorageCases;
import dev.jobstore.job.JobPage;
import dev.jobstore.job.JobQuery;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.NewJob;
import dev.jobstore.job.Repeat;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** dependsOn (fulfilled and failed parents) and repeat (interval and cron). */
@ExtendWith(ArquillianExtension.class)
class DependencyAndRepeatIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(
                DependencyAndRepeatIT.class, StorageCases.class, StorageCases.Implementation.class, LockWaits.class);
    }

    @Inject
    JobStore store;

    @Inject
    StorageCases cases;

    @Inject
    LockWaits locks;

    @Resource
    ManagedExecutorService threads; // its tasks call with this test's identity

    private final Api api = new Api();
    private final String queue = "deps-" + UUID.randomUUID();

    private JobView create(NewJob request) {
        return store.create(queue, request).job();
    }

    private JobLease pull() {
        return store.pullWork(queue, "w").orElseThrow(() -> new AssertionError("nothing to pull"));
    }

    @Test
    void a_dependent_waits_until_every_parent_is_fulfilled() {
        JobView first = create(NewJob.of(Json.createValue("first")).withPriority(9));
        JobView second = create(NewJob.of(Json.createValue("second")).withPriority(8));
        JobView child = create(
                NewJob.of(Json.createValue("child")).withPriority(10).withDependsOn(List.of(first.id(), second.id())));
        assertEquals(JobStatus.WAITING, child.status());

        JobLease a = pull();
        assertEquals(first.id(), a.jobId(), "the waiting child was handed out");
        a.fulfill(Json.createValue(1));
        assertEquals(JobStatus.WAITING, store.get(child.id()).status());
        JobLease b = pull();
        assertEquals(second.id(), b.jobId());
        b.fulfill(Json.createValue(2));

        assertEquals(JobStatus.PENDING, store.get(child.id()).status());
        assertEquals(child.id(), pull().jobId());
    }

    // Each parent's transaction sees the other parent still RUNNING: unless the dependent's row
    // is locked before that look, neither frees it, and it waits forever.
    @Test
    void a_dependent_is_freed_when_its_two_parents_are_fulfilled_at_the_same_time() throws Exception {
        JobView first = create(NewJob.of(Json.createValue("first")).withPriority(9));
        JobView second = create(NewJob.of(Json.createValue("second")).withPriority(8));
        JobView child = create(NewJob.of(null).withDependsOn(List.of(first.id(), second.id())));
        JobLease a = pull();
        JobLease b = pull();
        CountDownLatch firstFulfilled = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        try {
            Future<?> one = threads.submit(() -> cases.inTransaction(() -> {
                a.fulfill(Json.createValue(1));
                firstFulfilled.countDown();
                commitFirst.await();
                return null;
            }));
            assertTrue(firstFulfilled.await(20, TimeUnit.SECONDS), "the first parent was never fulfilled");
            Future<?> two = threads.submit(() -> b.fulfill(Json.createValue(2)));
            // the second commits at once, or waits for a lock the first transaction holds
            Await.until(
                    "the second fulfill to commit or wait",
                    PATIENCE,
                    () -> two.isDone() || locks.anyTransactionWaits(),
                    Boolean::booleanValue);
            commitFirst.countDown();
            one.get(20, TimeUnit.SECONDS);
            two.get(20, TimeUnit.SECONDS);
        } finally {
            commitFirst.countDown();
        }

        assertEquals(JobStatus.PENDING, store.get(child.id()).status());
        assertEquals(child.id(), pull().jobId());
    }

    @Test
    void a_failed_parent_cancels_its_dependents_transitively() {
        JobView parent = create(NewJob.of(null).withMaxAttempts(1));
        JobView child = create(NewJob.of(null).withDependsOn(List.of(parent.id())));
        JobView grandchild = create(NewJob.of(null).withDependsOn(List.of(child.id())));

        pull().fail("broken input");

        JobView cancelled = store.get(child.id());
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals("dependency " + parent.id() + " is FAILED", cancelled.reason());
        assertEquals(JobStatus.CANCELLED, store.get(grandchild.id()).status());
        assertEquals(
                "dependency " + child.id() + " is CANCELLED",
                store.get(grandchild.id()).reason());

        JobView late = create(NewJob.of(null).withDependsOn(List.of(parent.id())));
        assertEquals(JobStatus.CANCELLED, late.status(), "a job created on a failed parent must not wait forever");
    }

    @Test
    void unknown_dependencies_are_refused_at_create() {
        UUID unknown = UUID.randomUUID();
        Reply refused = api.post("queues/" + queue + "/jobs", "{\"dependsOn\":[\"" + unknown + "\"]}");
        assertEquals(400, refused.status());
        assertTrue(refused.object().getString("detail").contains(unknown.toString()));
    }

    @Test
    void an_interval_repeat_runs_the_given_number_of_times() {
        JobView first = create(NewJob.of(Json.createValue("tick")).withRepeat(Repeat.every(Duration.ofMillis(300), 3)));
        for (int run = 1; run <= 3; run++) {
            JobLease lease = Await.until("run " + run, PATIENCE, () -> store.pullWork(queue, "w"), Optional::isPresent)
                    .orElseThrow();
            assertEquals(run, lease.job().repeatRun());
            Instant fulfilledAt = Instant.now();
            lease.fulfill(Json.createValue(run));
            if (run < 3) {
                List<JobView> waiting = store.list(new JobQuery(queue, JobStatus.WAITING, null, null, null, null))
                        .items();
                assertEquals(1, waiting.size(), "exactly one next run must exist");
                assertTrue(
                        !waiting.get(0).runAt().isBefore(fulfilledAt.plusMillis(250)),
                        "the next run is not delayed by every");
            }
        }
        JobPage all = store.list(new JobQuery(queue, null, null, null, null, null));
        assertEquals(3, all.items().size());
        assertTrue(all.items().stream().allMatch(job -> job.status() == JobStatus.FULFILLED));
        assertEquals(first.id(), all.items().get(2).id());
    }

    @Test
    void a_cron_repeat_schedules_the_next_matching_second() {
        create(NewJob.of(null).withRepeat(Repeat.cron("*/2 * * * * *", 2)));
        pull().fulfill(Json.createValue("once"));

        // The next run, WAITING or (if its even second has come already) PENDING.
        JobView next = store.list(new JobQuery(queue, null, null, null, null, null)).items().stream()
                .filter(job -> Integer.valueOf(2).equals(job.repeatRun()))
                .findFirst()
                .orElseThrow();
        assertEquals(0, next.runAt().getEpochSecond() % 2, "not on an even second: " + next.runAt());
        assertEquals(0, next.runAt().getNano());
        JobLease second = Await.until("the cron run", PATIENCE, () -> store.pullWork(queue, "w"), Optional::isPresent)
                .orElseThrow();
        assertEquals(2, second.job().repeatRun());
        second.fulfill(Json.createValue("twice"));
        assertEquals(
                0,
                store.list(new JobQuery(queue, JobStatus.WAITING, null, null, null, null))
                        .items()
                        .size(),
                "ran more than times");

        Reply bad = api.post("queues/" + queue + "/jobs", "{\"repeat\":{\"cron\":\"61 * * * *\"}}");
        assertEquals(400, bad.status());
        assertTrue(bad.object().getString("detail").contains("repeat.cron"), bad::toString);
    }
}
