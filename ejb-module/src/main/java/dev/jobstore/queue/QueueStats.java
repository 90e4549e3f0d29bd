package dev.jobstore.queue;

import dev.jobstore.job.JobStatus;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Duration;
import java.util.Map;

/**
 * A queue at a glance: paused or not, how many jobs per status, and how long the oldest
 * claimable job has waited ({@code null} when none is PENDING).
 */
@JsonbPropertyOrder({"queue", "paused", "counts", "oldestPendingAge"})
public record QueueStats(String queue, boolean paused, Map<JobStatus, Long> counts, Duration oldestPendingAge) {}
