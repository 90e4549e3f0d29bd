package dev.jobstore.worker;

/**
 * A worker pool as it is now.
 *
 * @param name        the pool's worker name, the owner of its leases ({@code pool-<queue>-<id>@<node>})
 * @param concurrency handlers it may run at once
 * @param running     handlers running now
 */
public record PoolStatus(String name, String queue, int concurrency, int running, boolean paused) {}
