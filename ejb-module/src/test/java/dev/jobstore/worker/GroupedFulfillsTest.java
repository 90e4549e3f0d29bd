package dev.jobstore.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.job.Fulfillment;
import dev.jobstore.job.JobStoreException;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.job.PayloadTooLargeException;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.TestLeases;
import dev.jobstore.support.Threads;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The group commit, with the committer's runs in the test's hands. */
class GroupedFulfillsTest {

    private final TestLeases leases = new TestLeases();
    private final List<List<Fulfillment>> groups = new CopyOnWriteArrayList<>();
    private final Map<UUID, JobStoreException> refusals = new ConcurrentHashMap<>();
    /** Committer runs handed to the executor, not yet run. */
    private final Queue<Runnable> committers = new ConcurrentLinkedQueue<>();

    private Function<List<Fulfillment>, Map<UUID, JobStoreException>> store = group -> {
        groups.add(List.copyOf(group));
        return refusals;
    };
    private final GroupedFulfills fulfills = new GroupedFulfills(group -> store.apply(group), committers::add);

    private List<JobLease> lease(int count) {
        List<JobLease> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(leases.lease("q", "job " + i));
        }
        return made;
    }

    private CompletableFuture<Void> fulfill(JobLease lease) {
        return fulfills.fulfill(lease, Json.createValue("value of " + lease.jobId()));
    }

    private void runCommitters() {
        for (Runnable next = committers.poll(); next != null; next = committers.poll()) {
            next.run();
        }
    }

    @Test
    void fulfills_that_arrive_before_the_committer_runs_commit_in_one_call() {
        List<JobLease> handed = lease(5);
        List<CompletableFuture<Void>> outcomes =
                handed.stream().map(this::fulfill).toList();

        assertEquals(1, committers.size(), "one committer for the whole group");
        assertTrue(outcomes.stream().noneMatch(CompletableFuture::isDone), "nothing is done before the commit");
        runCommitters();

        assertEquals(1, groups.size());
        assertEquals(
                handed.stream().map(JobLease::jobId).toList(),
                groups.get(0).stream().map(Fulfillment::jobId).toList());
        assertEquals(
                handed.stream().map(JobLease::token).toList(),
                groups.get(0).stream().map(Fulfillment::token).toList(),
                "each job is fenced by its own token");
        assertEquals(
                "\"value of " + handed.get(3).jobId() + "\"",
                new String(groups.get(0).get(3).value(), StandardCharsets.UTF_8));
        assertEquals("application/json", groups.get(0).get(3).contentType());
        outcomes.forEach(outcome -> assertTrue(outcome.isDone() && !outcome.isCompletedExceptionally()));
    }

    @Test
    void each_caller_gets_its_own_refusal_and_only_a_lost_lease_compromises_its_handle() {
        List<JobLease> handed = lease(3);
        LeaseLostException lost = new LeaseLostException(handed.get(1).jobId(), "expired");
        PayloadTooLargeException tooLarge = new PayloadTooLargeException("the result is too large");
        refusals.put(handed.get(1).jobId(), lost);
        refusals.put(handed.get(2).jobId(), tooLarge);
        List<CompletableFuture<Void>> outcomes =
                handed.stream().map(this::fulfill).toList();

        runCommitters();

        assertEquals(1, groups.size());
        assertFalse(outcomes.get(0).isCompletedExceptionally());
        assertSame(
                lost,
                assertThrows(CompletionException.class, outcomes.get(1)::join).getCause());
        assertSame(
                tooLarge,
                assertThrows(CompletionException.class, outcomes.get(2)::join).getCause());
        assertFalse(handed.get(0).isCompromised());
        assertTrue(handed.get(1).isCompromised());
        assertFalse(handed.get(2).isCompromised(), "a refusal other than a lost lease leaves the handle alone");
    }

    @Test
    void a_failed_group_commit_fails_every_caller_and_compromises_no_handle() {
        IllegalStateException down = new IllegalStateException("database down");
        store = group -> {
            throw down;
        };
        List<JobLease> handed = lease(2);
        List<CompletableFuture<Void>> outcomes =
                handed.stream().map(this::fulfill).toList();

        runCommitters();

        outcomes.forEach(outcome -> assertSame(
                down, assertThrows(CompletionException.class, outcome::join).getCause()));
        handed.forEach(lease -> assertFalse(lease.isCompromised()));
    }

    @Test
    void a_fulfill_that_arrives_during_a_commit_goes_in_the_next_group_of_the_same_committer() {
        JobLease late = leases.lease("q", "late");
        List<CompletableFuture<Void>> lateOutcome = new ArrayList<>();
        store = group -> {
            if (groups.isEmpty()) {
                lateOutcome.add(fulfill(late));
            }
            groups.add(List.copyOf(group));
            return refusals;
        };
        CompletableFuture<Void> first = fulfill(lease(1).get(0));

        runCommitters();

        assertEquals(2, groups.size());
        assertEquals(
                List.of(late.jobId()),
                groups.get(1).stream().map(Fulfillment::jobId).toList());
        assertTrue(first.isDone() && lateOutcome.get(0).isDone());
        assertEquals(0, committers.size(), "no second committer was started");
    }

    @Test
    void a_long_backlog_commits_in_groups_of_at_most_the_group_size() {
        List<CompletableFuture<Void>> outcomes =
                lease(2 * GroupedFulfills.MAX_GROUP).stream().map(this::fulfill).toList();

        runCommitters();

        assertEquals(
                List.of(GroupedFulfills.MAX_GROUP, GroupedFulfills.MAX_GROUP),
                groups.stream().map(List::size).toList());
        assertTrue(outcomes.stream().allMatch(CompletableFuture::isDone));
    }

    @Test
    void a_caller_waits_for_its_own_fulfill_when_the_committer_is_more_than_two_groups_behind() throws Exception {
        List<CompletableFuture<Void>> backlog =
                lease(2 * GroupedFulfills.MAX_GROUP).stream().map(this::fulfill).toList();
        assertTrue(backlog.stream().noneMatch(CompletableFuture::isDone), "two groups behind, callers go on");
        JobLease oneTooMany = leases.lease("q", "one too many");
        CompletableFuture<CompletableFuture<Void>> returned = new CompletableFuture<>();
        Thread caller = new Thread(() -> returned.complete(fulfill(oneTooMany)), "handler");
        caller.start();

        Threads.untilWaiting(caller);
        assertFalse(returned.isDone());
        runCommitters();

        CompletableFuture<Void> outcome = returned.get(10, TimeUnit.SECONDS);
        assertTrue(outcome.isDone() && !outcome.isCompletedExceptionally(), "it returned once its fulfill committed");
        assertEquals(
                List.of(GroupedFulfills.MAX_GROUP, GroupedFulfills.MAX_GROUP, 1),
                groups.stream().map(List::size).toList());
        caller.join(10_000);
    }

    @Test
    void when_the_executor_refuses_the_committer_the_handler_thread_commits() {
        GroupedFulfills suspended = new GroupedFulfills(group -> store.apply(group), task -> {
            throw new RejectedExecutionException("suspended");
        });
        JobLease lease = leases.lease("q", "at SIGTERM");

        CompletableFuture<Void> outcome = suspended.fulfill(lease, Json.createValue(1));

        assertTrue(outcome.isDone(), "committed before fulfill returned");
        outcome.join();
        assertEquals(
                List.of(lease.jobId()),
                groups.stream().flatMap(List::stream).map(Fulfillment::jobId).toList());
        assertFalse(lease.isCompromised());
    }
}
