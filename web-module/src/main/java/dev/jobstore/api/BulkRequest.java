package dev.jobstore.api;

import java.util.List;
import java.util.UUID;

/**
 * A bulk control request: {@code action} on the jobs of {@code ids}, or on one chunk of the jobs
 * that {@code filter} lists (up to {@code limit}, after {@code after}: the {@code next} of
 * the previous chunk's answer).
 */
public record BulkRequest(String action, List<UUID> ids, JobFilter filter, String after, Integer limit) {}
