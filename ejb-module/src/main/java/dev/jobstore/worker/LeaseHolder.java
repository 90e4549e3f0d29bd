package dev.jobstore.worker;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * The running jobs of one lease owner in one queue. In-process pools name their owner {@code
 * pool-<queue>-<id>@<node>}; remote workers choose their own names.
 *
 * @param firstExpiry when the first of its leases runs out
 */
@JsonbPropertyOrder({"owner", "queue", "running", "firstExpiry"})
public record LeaseHolder(String owner, String queue, long running, Instant firstExpiry) {}
