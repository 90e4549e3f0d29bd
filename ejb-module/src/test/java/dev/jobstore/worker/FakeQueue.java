package dev.jobstore.worker;

import dev.jobstore.job.JobView;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.store.TestLeases;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A queue for a pool under test: a pull is granted what is available at once, or waits (a long
 * poll) until {@link #add} brings work. It records the size of every pull.
 */
final class FakeQueue {

    private final Deque<JobView> available = new ArrayDeque<>();
    private final List<Integer> pulls = new ArrayList<>();
    private final List<Waiting> waiting = new ArrayList<>();

    private record Waiting(int max, CompletableFuture<List<JobView>> granted) {}

    /** Adds {@code count} jobs and hands them to waiting pulls; returns their ids in order. */
    synchronized List<UUID> add(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JobView job = TestLeases.granted("q", "job " + i);
            available.add(job);
            ids.add(job.id());
        }
        List<Waiting> woken = List.copyOf(waiting);
        waiting.clear();
        for (Waiting pull : woken) {
            if (!pull.granted().isDone()) {
                pull.granted().complete(take(pull.max()));
            }
        }
        return ids;
    }

    synchronized CompletableFuture<List<JobView>> pull(String queue, PullRequest request) {
        pulls.add(request.maxOrDefault());
        List<JobView> granted = take(request.maxOrDefault());
        if (!granted.isEmpty()) {
            return CompletableFuture.completedFuture(granted);
        }
        Waiting pull = new Waiting(request.maxOrDefault(), new CompletableFuture<>());
        waiting.add(pull);
        return pull.granted();
    }

    /** The {@code max} of every pull so far. */
    synchronized List<Integer> pulls() {
        return List.copyOf(pulls);
    }

    /** The pulls still waiting for work (not cancelled). */
    synchronized List<CompletableFuture<List<JobView>>> waiting() {
        return waiting.stream()
                .map(Waiting::granted)
                .filter(pull -> !pull.isDone())
                .toList();
    }

    synchronized int available() {
        return available.size();
    }

    private List<JobView> take(int max) {
        List<JobView> granted = new ArrayList<>();
        for (JobView next = available.poll(); next != null; next = granted.size() < max ? available.poll() : null) {
            granted.add(next);
        }
        return granted;
    }
}
