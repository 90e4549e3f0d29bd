package dev.jobstore.wakeup;

import dev.jobstore.config.JobStoreSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Long polling without parked threads. A pull that finds nothing registers a waiter on a
 * channel (a queue name, or the notification channel), and the waiter claims again when a
 * commit on this node {@link #wake}s the channel, every {@code jobstore.pull.recheck} (delayed
 * jobs coming due, work created by other nodes), and once more at its deadline.
 *
 * <p>Every channel has a generation counter that each wake-up bumps. A waiter notes the
 * generation before each claim and claims again if it moved meanwhile, so a wake-up that
 * arrives during a claim is never lost.
 */
@ApplicationScoped
public class WorkWaiters {

    private static final Logger LOG = Logger.getLogger(WorkWaiters.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    JobStoreSettings settings;

    @Inject
    Clock clock;

    /** Where the waiters' claims and timers run, and how often they recheck: the injected ones, or a test's. */
    private ScheduledExecutorService timers;

    private Supplier<Duration> recheck;

    private final ConcurrentMap<String, Channel> channels = new ConcurrentHashMap<>();

    public WorkWaiters() {
        // for CDI: the collaborators are injected, then wired by init()
    }

    /** Waiters that run on {@code timers}, recheck every {@code recheck} and read {@code clock} (tests). */
    WorkWaiters(ScheduledExecutorService timers, Duration recheck, Clock clock) {
        this.timers = timers;
        this.recheck = () -> recheck;
        this.clock = clock;
    }

    @PostConstruct
    void init() {
        timers = scheduler;
        recheck = settings::recheck;
    }

    /** Tells the waiters of {@code channel} that there may be something to claim. */
    public void wake(String channel) {
        Channel waiting = channels.get(channel);
        if (waiting != null) {
            waiting.generation.incrementAndGet();
            waiting.members.forEach(waiter -> timers.execute(waiter::attempt));
        }
    }

    /**
     * Claims for one idle waiter of {@code channel} now, on the calling thread and so in its
     * transaction, and hands the waiter what that claim granted once the transaction has
     * committed ({@code onCompletion} takes what to run after a commit and after a rollback). A
     * job created for an idle pull so starts after one commit, its create's, instead of two. A
     * waiter whose claim grants nothing or is rolled back claims again by itself. Answers
     * whether a waiter was idle.
     */
    public boolean claimForIdleWaiter(String channel, BiConsumer<Runnable, Runnable> onCompletion) {
        Channel waiting = channels.get(channel);
        if (waiting != null) {
            for (Waiter<?> waiter : waiting.members) {
                if (waiter.reserve()) {
                    waiter.claimForCaller(onCompletion);
                    return true;
                }
            }
        }
        return false;
    }

    /** Tells every waiter that there may be something to claim (wake-ups may have been missed). */
    public void wakeAll() {
        channels.keySet().forEach(this::wake);
    }

    /** How many pulls wait now, on every channel (a gauge: it must not grow without load). */
    public int waitingTotal() {
        return channels.values().stream()
                .mapToInt(channel -> channel.members.size())
                .sum();
    }

    /**
     * How many pulls wait on {@code channel} now: each counts from just before its first claim
     * until its wait ends, so a wake-up from then on reaches it.
     */
    public int waiting(String channel) {
        Channel waiting = channels.get(channel);
        return waiting == null ? 0 : waiting.members.size();
    }

    /**
     * Runs {@code claim} until it returns something or {@code wait} ends (then it completes
     * empty). The first claim runs on the calling thread. What a claim grants after the caller
     * stopped waiting goes to {@code giveBack}.
     */
    public <T> CompletableFuture<List<T>> await(
            String channel, Duration wait, Supplier<List<T>> claim, Consumer<List<T>> giveBack) {
        if (wait.isZero()) {
            return CompletableFuture.completedFuture(claim.get());
        }
        Waiter<T> waiter = new Waiter<>(
                channels.computeIfAbsent(channel, name -> new Channel()),
                claim,
                giveBack,
                clock.instant().plus(wait));
        waiter.start(wait);
        return waiter.result;
    }

    /**
     * Blocks until a pull's stage completes, for callers of the blocking Java API. If the thread
     * is interrupted the wait is cancelled and nothing is returned; a failure is rethrown as is.
     */
    public static <T> List<T> join(CompletableFuture<List<T>> granted) {
        try {
            return granted.get();
        } catch (InterruptedException e) {
            granted.cancel(false);
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    void completeAllWaiters() {
        channels.values().forEach(channel -> channel.members.forEach(Waiter::giveUp));
    }

    private static final class Channel {
        final AtomicLong generation = new AtomicLong();
        final Set<Waiter<?>> members = ConcurrentHashMap.newKeySet();
    }

    private final class Waiter<T> {
        final Channel channel;
        final Supplier<List<T>> claim;
        final Consumer<List<T>> giveBack;
        final Instant deadline;
        final CompletableFuture<List<T>> result = new CompletableFuture<>();
        /** Held while a claim runs or the result is being settled: one claim at a time. */
        final AtomicBoolean busy = new AtomicBoolean();

        volatile ScheduledFuture<?> rechecks;
        volatile ScheduledFuture<?> timeout;
        /** Set by the timeout task: the wait is over even if the clock was stepped back meanwhile. */
        volatile boolean timedOut;

        Waiter(Channel channel, Supplier<List<T>> claim, Consumer<List<T>> giveBack, Instant deadline) {
            this.channel = channel;
            this.claim = claim;
            this.giveBack = giveBack;
            this.deadline = deadline;
        }

        /** Registers first, then claims: a wake-up from then on cannot be missed. */
        void start(Duration wait) {
            channel.members.add(this);
            result.whenComplete((granted, failure) -> cleanUp());
            long recheckMillis = recheck.get().toMillis();
            rechecks =
                    timers.scheduleWithFixedDelay(this::attempt, recheckMillis, recheckMillis, TimeUnit.MILLISECONDS);
            timeout = timers.schedule(this::timeOut, wait.toMillis(), TimeUnit.MILLISECONDS);
            attempt();
        }

        void attempt() {
            if (result.isDone() || !busy.compareAndSet(false, true)) {
                return; // settled, or a claim is running and will look at the generation after
            }
            try {
                long seen = channel.generation.get();
                List<T> granted = claim.get();
                if (!granted.isEmpty() || timedOut || !clock.instant().isBefore(deadline)) {
                    settle(granted);
                    return;
                }
                busy.set(false);
                if (channel.generation.get() != seen) {
                    timers.execute(this::attempt);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "A waiting pull failed", e);
                result.completeExceptionally(e);
            }
        }

        /** Takes this waiter for a caller's claim, if it is neither settled nor claiming. */
        boolean reserve() {
            if (!busy.compareAndSet(false, true)) {
                return false;
            }
            if (result.isDone()) {
                busy.set(false);
                return false;
            }
            return true;
        }

        /** Claims on the caller's thread; what it grants arrives once the caller's transaction commits. */
        void claimForCaller(BiConsumer<Runnable, Runnable> onCompletion) {
            List<T> granted;
            try {
                granted = claim.get();
            } catch (RuntimeException e) { // it fails the caller's transaction too
                timers.execute(this::resume);
                throw e;
            }
            onCompletion.accept(() -> timers.execute(() -> deliver(granted)), () -> timers.execute(this::resume));
        }

        private void deliver(List<T> granted) {
            if (granted.isEmpty()) {
                resume();
            } else {
                settle(granted);
            }
        }

        /** Back from a caller's claim that granted nothing: claims by itself again. */
        private void resume() {
            busy.set(false);
            attempt();
        }

        void timeOut() {
            timedOut = true;
            attempt();
        }

        /** Ends the wait with nothing (undeploy), unless a claim is under way. */
        void giveUp() {
            if (busy.compareAndSet(false, true)) {
                settle(List.of());
            }
        }

        private void settle(List<T> granted) {
            if (!result.complete(granted) && !granted.isEmpty()) {
                giveBack.accept(granted); // the caller stopped waiting (cancelled) during the claim
            }
        }

        private void cleanUp() {
            channel.members.remove(this);
            cancel(rechecks);
            cancel(timeout);
        }

        private static void cancel(ScheduledFuture<?> task) {
            if (task != null) {
                task.cancel(false);
            }
        }
    }
}
