package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.history.MinuteView;
import dev.jobstore.history.QueueHistory;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.StorageCases;
import dev.jobstore.job.CheckedFulfillment;
import dev.jobstore.job.Failure;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobNotFoundException;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobView;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.job.MinuteCounts;
import dev.jobstore.job.NewJob;
import dev.jobstore.job.Repeat;
import dev.jobstore.job.StoredResult;
import dev.jobstore.storage.FulfillOutcome;
import dev.jobstore.storage.FulfillOutcome.Fulfilled;
import dev.jobstore.storage.JobStorage;
import dev.jobstore.store.JobLease;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The storage contract: the same behavioural cases against every {@link JobStorage}
 * implementation the database has (the portable JPA one everywhere, and the PostgreSQL one on
 * PostgreSQL), each in its own queue. A case that one implementation passes and the other fails
 * is a divergence between the two ways of writing the same rule.
 */
@ExtendWith(ArquillianExtension.class)
class StorageContractIT {

    private static final Duration HOUR = Duration.ofHours(1);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(StorageContractIT.class, StorageCases.class, StorageCases.Implementation.class);
    }

    @Inject
    StorageCases cases;

    @Inject
    QueueHistory history;

    @Test
    void claims_take_the_highest_priority_then_the_oldest_and_never_a_paused_queue_or_a_job_not_due() {
        cases.forEach(impl -> {
            List<UUID> ids = cases.createAll(impl.queue(), 0, 5, 0, 10, 5);
            cases.store()
                    .create(impl.queue(), NewJob.of(Json.createValue("later")).withDelay(HOUR));
            cases.queues().pause(impl.queue());
            assertEquals(List.of(), cases.claim(impl, 10, HOUR), impl + ": a paused queue hands nothing out");
            cases.queues().resume(impl.queue());

            List<JobView> first = cases.claim(impl, 3, HOUR);
            assertEquals(
                    List.of(ids.get(3), ids.get(1), ids.get(4)),
                    first.stream().map(JobView::id).toList(),
                    impl.name());
            List<JobView> rest = cases.claim(impl, 10, HOUR);
            assertEquals(
                    List.of(ids.get(0), ids.get(2)),
                    rest.stream().map(JobView::id).toList(),
                    impl.name());
            assertEquals(List.of(), cases.claim(impl, 10, HOUR), impl + ": the delayed job is not due");
        });
    }

    @Test
    void a_claimed_view_shows_the_grant_as_the_store_reads_it_back() {
        cases.forEach(impl -> {
            UUID id = cases.store()
                    .create(
                            impl.queue(),
                            NewJob.of(Json.createObjectBuilder().add("n", 1).build())
                                    .withPriority(3)
                                    .withRepeat(Repeat.every(HOUR, 2)))
                    .job()
                    .id();
            Instant before = Instant.now();
            JobView granted = cases.claim(impl, 1, HOUR).get(0);
            JobView stored = cases.store().get(id);
            assertEquals(id, granted.id(), impl.name());
            assertEquals(JobStatus.RUNNING, granted.status(), impl.name());
            assertEquals(1, granted.attempts(), impl.name());
            assertEquals(StorageCases.WORKER, granted.lease().owner(), impl.name());
            assertNotNull(granted.lease().token(), impl + ": the grant shows its token");
            assertTrue(granted.lease().expiresAt().isAfter(before.plus(HOUR).minusSeconds(60)), impl.name());
            assertNull(stored.lease().token(), impl + ": a read never shows the token");
            assertEquals(1, granted.lease().fence(), impl + ": a first grant has fence 1");
            assertEquals(
                    List.of(
                            stored.status(),
                            stored.version(),
                            stored.priority(),
                            stored.payload(),
                            stored.repeat(),
                            stored.repeatRun(),
                            stored.backoff(),
                            stored.lease().expiresAt().toEpochMilli(),
                            stored.lease().fence()),
                    List.of(
                            granted.status(),
                            granted.version(),
                            granted.priority(),
                            granted.payload(),
                            granted.repeat(),
                            granted.repeatRun(),
                            granted.backoff(),
                            granted.lease().expiresAt().toEpochMilli(),
                            granted.lease().fence()),
                    impl + ": the claimed view and the stored job differ");
        });
    }

    @Test
    void a_claim_after_a_release_grants_the_next_fence() {
        cases.forEach(impl -> {
            cases.createAll(impl.queue(), 0);
            JobView first = cases.claim(impl, 1, HOUR).get(0);
            cases.store().release(first.id(), first.lease().token());
            JobView second = cases.claim(impl, 1, HOUR).get(0);
            assertEquals(first.id(), second.id(), impl.name());
            assertEquals(
                    List.of(1L, 2L),
                    List.of(first.lease().fence(), second.lease().fence()),
                    impl.name());
        });
    }

    @Test
    void a_job_with_failures_is_claimed_with_them() {
        cases.forEach(impl -> {
            UUID id = cases.createAll(impl.queue(), 0).get(0);
            JobView first = cases.claim(impl, 1, HOUR).get(0);
            cases.store().fail(id, first.lease().token(), "boom", true);
            JobView again = cases.inTransaction(() -> impl.storage()
                            .claim(
                                    impl.queue(),
                                    StorageCases.WORKER,
                                    1,
                                    Instant.now().plus(HOUR),
                                    Instant.now().plus(HOUR).plus(HOUR)))
                    .get(0);
            assertEquals(2, again.attempts(), impl.name());
            assertEquals(
                    List.of("boom"),
                    again.failures().stream().map(Failure::getError).toList(),
                    impl.name());
        });
    }

    @Test
    void racing_claimers_never_get_the_same_job() throws Exception {
        for (StorageCases.Implementation impl : cases.implementations()) {
            Set<UUID> created = new HashSet<>(cases.createAll(impl.queue(), new int[40]));
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                Callable<List<UUID>> claimer = () -> {
                    List<UUID> mine = new ArrayList<>();
                    for (List<JobView> got = cases.claim(impl, 3, HOUR);
                            !got.isEmpty();
                            got = cases.claim(impl, 3, HOUR)) {
                        got.forEach(view -> mine.add(view.id()));
                    }
                    return mine;
                };
                List<Future<List<UUID>>> claims = threads.invokeAll(List.of(claimer, claimer, claimer, claimer));
                List<UUID> all = new ArrayList<>();
                for (Future<List<UUID>> claim : claims) {
                    all.addAll(claim.get());
                }
                assertEquals(created.size(), all.size(), impl + ": a job was granted twice or not at all");
                assertEquals(created, new HashSet<>(all), impl.name());
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void a_group_fulfill_refuses_a_stale_token_an_expired_lease_and_a_missing_job_alone() {
        cases.forEach(impl -> {
            cases.createAll(impl.queue(), 0, 0, 0, 0);
            List<JobView> leased = cases.claim(impl, 4, HOUR);
            UUID missing = UUID.randomUUID();
            Instant now = Instant.now();
            FulfillOutcome outcome = cases.inTransaction(() -> impl.storage()
                    .fulfill(
                            List.of(
                                    cases.json(leased.get(0), "\"first\""),
                                    new CheckedFulfillment(
                                            leased.get(1).id(),
                                            UUID.randomUUID().toString(),
                                            StorageCases.text("stale")),
                                    cases.json(leased.get(2), "\"third\""),
                                    new CheckedFulfillment(missing, "any", StorageCases.text("none"))),
                            now));
            assertEquals(Set.of(leased.get(0).id(), leased.get(2).id()), ids(outcome), impl.name());
            assertInstanceOf(
                    LeaseLostException.class,
                    outcome.refused().get(leased.get(1).id()),
                    impl.name());
            assertInstanceOf(JobNotFoundException.class, outcome.refused().get(missing), impl.name());
            assertEquals(
                    JobStatus.RUNNING,
                    cases.store().get(leased.get(1).id()).status(),
                    impl + ": the stale one is untouched");
            assertEquals(
                    "\"third\"",
                    new String(cases.store().result(leased.get(2).id()).content(), StandardCharsets.UTF_8));

            FulfillOutcome late = cases.inTransaction(() -> impl.storage()
                    .fulfill(
                            List.of(cases.json(leased.get(3), "\"late\"")),
                            now.plus(HOUR).plusSeconds(1)));
            assertInstanceOf(
                    LeaseLostException.class, late.refused().get(leased.get(3).id()), impl + ": the lease had expired");
        });
    }

    @Test
    void a_fulfill_keeps_the_content_type_and_tells_of_dependents_targets_and_the_next_run() {
        cases.forEach(impl -> {
            UUID parent = cases.createAll(impl.queue(), 0).get(0);
            cases.store()
                    .create(
                            impl.queue() + "-dependents",
                            NewJob.of(JsonValue.TRUE).withDependsOn(List.of(parent)));
            cases.notifications().queue(parent, Json.createValue("notifier"));
            UUID repeating = cases.store()
                    .create(impl.queue(), NewJob.of(Json.createValue(1)).withRepeat(Repeat.every(HOUR, 3)))
                    .job()
                    .id();
            Map<UUID, JobView> leased =
                    cases.claim(impl, 2, HOUR).stream().collect(Collectors.toMap(JobView::id, Function.identity()));
            StoredResult csv = new StoredResult("text/csv", "a,b".getBytes(StandardCharsets.UTF_8));
            FulfillOutcome outcome = cases.inTransaction(() -> impl.storage()
                    .fulfill(
                            List.of(
                                    new CheckedFulfillment(
                                            parent, leased.get(parent).lease().token(), csv),
                                    cases.json(leased.get(repeating), "2")),
                            Instant.now()));
            Map<UUID, Fulfilled> done = outcome.fulfilled().stream().collect(Collectors.toMap(Fulfilled::id, f -> f));
            assertEquals(Map.of(), outcome.refused(), impl.name());
            assertEquals("text/csv", done.get(parent).contentType(), impl.name());
            assertEquals("text/csv", cases.store().result(parent).contentType(), impl.name());
            assertTrue(done.get(parent).mayHaveDependents(), impl + ": the parent has a dependent");
            assertTrue(done.get(parent).mayHavePendingTargets(), impl + ": the parent has a pending target");
            assertNull(done.get(parent).followUp(), impl.name());
            UUID next = done.get(repeating).followUp();
            assertNotNull(next, impl + ": a repeating job's next run");
            assertEquals(2, cases.store().get(next).repeatRun(), impl.name());
            assertEquals(JobStatus.WAITING, cases.store().get(next).status(), impl.name());
        });
    }

    @Test
    void plain_inserts_and_expired_lease_picks_agree_with_the_store() {
        cases.forEach(impl -> {
            List<UUID> inserted = cases.insertPlain(impl, 3);
            inserted.forEach(
                    id -> assertEquals(JobStatus.PENDING, cases.store().get(id).status(), impl.name()));
            inserted.forEach(id ->
                    assertEquals(StorageCases.TRACEPARENT, cases.store().get(id).traceparent(), impl.name()));
            List<JobView> leased = cases.claim(impl, 3, Duration.ofMinutes(1));
            leased.forEach(job -> assertEquals(StorageCases.TRACEPARENT, job.traceparent(), impl + ": a claim's view"));
            assertEquals(
                    Set.copyOf(inserted), leased.stream().map(JobView::id).collect(Collectors.toSet()), impl.name());
            Set<UUID> expired = cases.inTransaction(
                    () -> impl.storage().lockExpiredLeases(Instant.now().plus(HOUR), 100_000).stream()
                            .map(Job::id)
                            .collect(Collectors.toSet()));
            assertTrue(expired.containsAll(inserted), impl + ": leases past their expiry are picked");
            Set<UUID> live = cases.inTransaction(() -> impl.storage().lockExpiredLeases(Instant.now(), 100_000).stream()
                    .map(Job::id)
                    .collect(Collectors.toSet()));
            assertTrue(live.stream().noneMatch(inserted::contains), impl + ": live leases are not picked");
        });
    }

    @Test
    void a_fulfill_after_a_read_in_the_same_transaction_frees_the_dependents_and_shows_the_job_fulfilled() {
        String queue = "contract-store-" + UUID.randomUUID();
        UUID parent = cases.createAll(queue, 0).get(0);
        UUID child = cases.store()
                .create(queue + "-dependents", NewJob.of(JsonValue.TRUE).withDependsOn(List.of(parent)))
                .job()
                .id();
        JobLease lease = cases.store().pullWork(queue, StorageCases.WORKER).orElseThrow();

        JobView fulfilled = cases.inTransaction(() -> {
            cases.store().get(parent); // the job is now an entity of this transaction
            return cases.store().fulfill(parent, lease.token(), Json.createValue("done"));
        });

        assertEquals(JobStatus.FULFILLED, fulfilled.status());
        assertEquals(JobStatus.FULFILLED, cases.store().get(parent).status());
        assertEquals(JobStatus.PENDING, cases.store().get(child).status(), "the dependent was not freed");
    }

    @Test
    void the_database_clock_reads_the_time_of_the_database() {
        cases.forEach(impl -> {
            Instant before = Instant.now();
            Instant databaseTime = cases.inTransaction(() -> impl.storage().databaseTime());
            Instant after = Instant.now();
            // one machine: the database's clock is this JVM's, give or take the call
            assertTrue(
                    !databaseTime.isBefore(before.minusSeconds(1)) && !databaseTime.isAfter(after.plusSeconds(1)),
                    impl + ": " + databaseTime + " is not between " + before + " and " + after);
        });
    }

    @Test
    void history_adds_each_nodes_counts_and_keeps_the_last_depth_sample_of_a_minute() {
        cases.forEach(impl -> {
            Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            String queue = impl.queue();
            cases.inTransaction(() -> {
                impl.storage().addToHistory(new MinuteCounts(queue, minute, 2, 1, 0));
                return null;
            });
            cases.inTransaction(() -> {
                impl.storage().recordDepth(queue, minute, 5, 1);
                impl.storage().addToHistory(new MinuteCounts(queue, minute, 1, 0, 3));
                impl.storage().recordDepth(queue, minute, 4, 2);
                return null;
            });

            assertEquals(
                    List.of(new MinuteView(queue, minute, 3, 1, 3, 4L, 2L)),
                    history.last(Duration.ofMinutes(5), queue, Duration.ofMinutes(1)),
                    impl.name());
        });
    }

    private static Set<UUID> ids(FulfillOutcome outcome) {
        return outcome.fulfilled().stream().map(Fulfilled::id).collect(Collectors.toSet());
    }
}
