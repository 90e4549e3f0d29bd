package dev.jobstore.wakeup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.support.ManualScheduler;
import dev.jobstore.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Long-poll waiters on a manual scheduler and clock: wake-ups, rechecks and deadlines happen
 * exactly when the test says, on the test's thread.
 */
class WorkWaitersTest {

    private static final Duration RECHECK = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final WorkWaiters waiters = new WorkWaiters(scheduler, RECHECK, clock);

    /** What the next claims find: the test adds work as it goes. */
    private final List<String> work = new CopyOnWriteArrayList<>();

    private final AtomicInteger claims = new AtomicInteger();
    private final List<List<String>> givenBack = new CopyOnWriteArrayList<>();

    private List<String> claimAll() {
        claims.incrementAndGet();
        List<String> granted = new ArrayList<>(work);
        work.clear();
        return granted;
    }

    private CompletableFuture<List<String>> await(String channel, Duration wait, Supplier<List<String>> claim) {
        return waiters.await(channel, wait, claim, givenBack::add);
    }

    private CompletableFuture<List<String>> await() {
        return await("q", WAIT, this::claimAll);
    }

    @Test
    void a_pull_that_finds_work_answers_at_once_and_leaves_no_waiter_or_timer() {
        work.add("a");

        CompletableFuture<List<String>> granted = await();

        assertEquals(List.of("a"), granted.getNow(null));
        assertEquals(1, claims.get());
        assertEquals(0, waiters.waiting("q"));
        assertEquals(0, scheduler.pending(), "the recheck and deadline timers are cancelled");
    }

    @Test
    void a_pull_without_wait_claims_once_and_answers_even_when_empty() {
        CompletableFuture<List<String>> granted = await("q", Duration.ZERO, this::claimAll);

        assertEquals(List.of(), granted.getNow(null));
        assertEquals(0, waiters.waiting("q"));
        assertEquals(0, scheduler.pending());
    }

    @Test
    void waking_all_reaches_the_waiters_of_every_channel_before_their_recheck() {
        List<String> other = new CopyOnWriteArrayList<>();
        CompletableFuture<List<String>> first = await();
        CompletableFuture<List<String>> second = await("r", WAIT, () -> {
            List<String> granted = List.copyOf(other);
            other.clear();
            return granted;
        });
        work.add("a");
        other.add("b");

        waiters.wakeAll();
        scheduler.runReady();

        assertEquals(List.of("a"), first.getNow(null));
        assertEquals(List.of("b"), second.getNow(null));
        assertEquals(0, scheduler.pending());
    }

    @Test
    void a_waiting_pull_claims_again_when_its_channel_is_woken() {
        CompletableFuture<List<String>> granted = await();
        assertFalse(granted.isDone());
        assertEquals(1, waiters.waiting("q"));

        work.add("a");
        waiters.wake("q");
        scheduler.runReady();

        assertEquals(List.of("a"), granted.getNow(null));
        assertEquals(2, claims.get());
        assertEquals(0, waiters.waiting("q"));
        assertEquals(0, scheduler.pending());
    }

    @Test
    void a_wake_up_on_another_channel_does_not_make_a_pull_claim() {
        CompletableFuture<List<String>> granted = await();

        waiters.wake("other");

        assertEquals(0, scheduler.runReady());
        assertEquals(1, claims.get());
        assertFalse(granted.isDone());
    }

    @Test
    void a_wake_up_that_arrives_during_a_claim_is_not_lost() {
        // The first claim reads an empty queue; a job commits (and wakes the channel) before the
        // claim returns. The wake-up's own attempt finds the claim running and does nothing.
        CompletableFuture<List<String>> granted = await("q", WAIT, () -> {
            if (claims.incrementAndGet() == 1) {
                work.add("a");
                waiters.wake("q");
                assertEquals(1, scheduler.runReady(), "the wake-up's attempt ran while the claim was busy");
                return List.of();
            }
            return claimAll();
        });
        assertFalse(granted.isDone());

        scheduler.runReady(); // the claim that the moved generation asked for

        assertEquals(List.of("a"), granted.getNow(null));
        assertEquals(3, claims.get());
    }

    /** A caller's transaction: what it registers for after its commit or rollback. */
    private final class CallersTransaction {
        Runnable ifCommitted;
        Runnable ifRolledBack;

        boolean claimForIdleWaiter(String channel) {
            return waiters.claimForIdleWaiter(channel, (committed, rolledBack) -> {
                ifCommitted = committed;
                ifRolledBack = rolledBack;
            });
        }
    }

    @Test
    void a_callers_claim_reaches_an_idle_waiter_only_once_the_callers_transaction_commits() {
        CompletableFuture<List<String>> granted = await();
        work.add("a");
        CallersTransaction transaction = new CallersTransaction();

        assertTrue(transaction.claimForIdleWaiter("q"));
        assertEquals(2, claims.get(), "the caller claimed on its own thread");
        waiters.wake("q");
        scheduler.runReady();
        assertEquals(2, claims.get(), "a wake-up does not claim for a waiter the caller is claiming for");
        assertFalse(granted.isDone(), "nothing is handed over before the commit");

        transaction.ifCommitted.run();
        scheduler.runReady();

        assertEquals(List.of("a"), granted.getNow(null));
        assertEquals(0, waiters.waiting("q"));
        assertEquals(0, scheduler.pending());
    }

    @Test
    void a_waiter_whose_callers_claim_is_rolled_back_claims_again_by_itself() {
        CompletableFuture<List<String>> granted = await();
        work.add("a");
        CallersTransaction transaction = new CallersTransaction();
        assertTrue(transaction.claimForIdleWaiter("q"));
        work.add("a"); // the rollback undoes the caller's claim

        transaction.ifRolledBack.run();
        scheduler.runReady();

        assertEquals(List.of("a"), granted.getNow(null));
        assertEquals(3, claims.get());
    }

    @Test
    void a_waiter_whose_callers_claim_granted_nothing_waits_on() {
        CompletableFuture<List<String>> granted = await();
        CallersTransaction transaction = new CallersTransaction();
        assertTrue(transaction.claimForIdleWaiter("q"));

        transaction.ifCommitted.run();
        scheduler.runReady();
        assertFalse(granted.isDone());
        work.add("later");
        waiters.wake("q");
        scheduler.runReady();

        assertEquals(List.of("later"), granted.getNow(null));
    }

    @Test
    void what_a_callers_claim_grants_a_pull_cancelled_meanwhile_is_given_back() {
        CompletableFuture<List<String>> granted = await();
        work.add("a");
        CallersTransaction transaction = new CallersTransaction();
        assertTrue(transaction.claimForIdleWaiter("q"));

        granted.cancel(false);
        transaction.ifCommitted.run();
        scheduler.runReady();

        assertEquals(List.of(List.of("a")), givenBack);
        assertFalse(new CallersTransaction().claimForIdleWaiter("q"), "a settled pull is no waiter");
    }

    @Test
    void without_an_idle_waiter_the_caller_claims_nothing() {
        assertFalse(new CallersTransaction().claimForIdleWaiter("q"));
        await();
        assertFalse(new CallersTransaction().claimForIdleWaiter("other"));
        assertEquals(1, claims.get());
    }

    @Test
    void a_waiting_pull_rechecks_on_its_own_every_recheck_interval() {
        CompletableFuture<List<String>> granted = await();

        scheduler.advance(RECHECK);
        scheduler.advance(RECHECK);
        assertEquals(3, claims.get());
        assertFalse(granted.isDone());

        work.add("due"); // a delayed job came due: nothing wakes the channel
        scheduler.advance(RECHECK);

        assertEquals(List.of("due"), granted.getNow(null));
        assertEquals(4, claims.get());
    }

    @Test
    void a_pull_that_finds_nothing_completes_empty_at_its_deadline() {
        CompletableFuture<List<String>> granted = await();

        scheduler.advance(WAIT.minusMillis(1));
        assertFalse(granted.isDone());
        assertEquals(1, waiters.waiting("q"));

        scheduler.advance(Duration.ofMillis(1));

        assertEquals(List.of(), granted.getNow(null));
        assertEquals(0, waiters.waiting("q"));
        assertEquals(0, scheduler.pending(), "no timer outlives the wait");
        int claimed = claims.get();
        scheduler.advance(WAIT);
        assertEquals(claimed, claims.get());
    }

    @Test
    void what_a_claim_grants_after_the_caller_stopped_waiting_is_given_back() {
        List<CompletableFuture<List<String>>> pull = new ArrayList<>();
        pull.add(await("q", WAIT, () -> {
            if (claims.incrementAndGet() == 1) {
                return List.of();
            }
            pull.get(0).cancel(false); // the HTTP client went away while this claim ran
            return List.of("a");
        }));

        waiters.wake("q");
        scheduler.runReady();

        assertTrue(pull.get(0).isCancelled());
        assertEquals(List.of(List.of("a")), givenBack);
        assertEquals(0, waiters.waiting("q"));
    }

    @Test
    void a_cancelled_pull_claims_no_more() {
        CompletableFuture<List<String>> granted = await();

        granted.cancel(false);
        work.add("a");
        waiters.wake("q");
        scheduler.advance(WAIT.multipliedBy(2));

        assertEquals(1, claims.get());
        assertEquals(List.of("a"), work, "the job stays in the queue");
        assertEquals(List.of(), givenBack);
        assertEquals(0, waiters.waiting("q"));
    }

    @Test
    void a_claim_that_fails_fails_the_pull() {
        IllegalStateException down = new IllegalStateException("database down");
        CompletableFuture<List<String>> granted = await("q", WAIT, () -> {
            if (claims.incrementAndGet() > 1) {
                throw down;
            }
            return List.of();
        });

        waiters.wake("q");
        scheduler.runReady();

        CompletionException failure = assertThrows(CompletionException.class, granted::join);
        assertSame(down, failure.getCause());
        assertEquals(0, waiters.waiting("q"));
        assertEquals(0, scheduler.pending());
    }

    @Test
    void waiting_counts_the_pulls_waiting_on_each_channel() {
        CompletableFuture<List<String>> first = await();
        await();
        await("r", WAIT, this::claimAll);
        assertEquals(2, waiters.waiting("q"));
        assertEquals(1, waiters.waiting("r"));
        assertEquals(0, waiters.waiting("never-used"));

        first.cancel(false);

        assertEquals(1, waiters.waiting("q"));
    }

    @Test
    void several_waiting_pulls_are_all_woken_and_share_the_work() {
        CompletableFuture<List<String>> first = await();
        CompletableFuture<List<String>> second = await();

        work.add("a");
        waiters.wake("q");
        scheduler.runReady();

        assertEquals(4, claims.get(), "each claimed once at the start and once more when woken");
        assertTrue(first.isDone() != second.isDone(), "one got the job, the other found nothing left and waits on");
        assertEquals(List.of("a"), (first.isDone() ? first : second).getNow(null));
        assertEquals(1, waiters.waiting("q"));
    }

    @Test
    void undeploy_ends_every_wait_with_nothing() {
        CompletableFuture<List<String>> onQueue = await();
        CompletableFuture<List<String>> onOther = await("r", WAIT, this::claimAll);

        waiters.completeAllWaiters();

        assertEquals(List.of(), onQueue.getNow(null));
        assertEquals(List.of(), onOther.getNow(null));
        assertEquals(0, scheduler.pending());
    }
}
