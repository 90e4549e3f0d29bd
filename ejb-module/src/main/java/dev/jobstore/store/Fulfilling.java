package dev.jobstore.store;

import dev.jobstore.config.JobStoreSettings;
import dev.jobstore.dependency.Dependencies;
import dev.jobstore.event.AfterCommit;
import dev.jobstore.event.JobFulfilled;
import dev.jobstore.job.CheckedFulfillment;
import dev.jobstore.job.Fulfillment;
import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.JobStoreException;
import dev.jobstore.job.PayloadTooLargeException;
import dev.jobstore.job.StoredResult;
import dev.jobstore.lease.LeaseHandles;
import dev.jobstore.metrics.JobMetrics;
import dev.jobstore.notification.Notifications;
import dev.jobstore.storage.FulfillOutcome;
import dev.jobstore.storage.FulfillOutcome.Fulfilled;
import dev.jobstore.storage.JobStorage;
import dev.jobstore.tracing.Operation;
import dev.jobstore.tracing.TracedSpan;
import dev.jobstore.tracing.Tracing;
import dev.jobstore.wakeup.Wakeups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Fulfills jobs for {@link JobStore}, in its transaction: one job or a group, each fenced by its
 * own token ({@link JobStorage#fulfill}), and what a fulfillment sets off once it commits (the
 * event, the end of the in-process handle, dependents, notification targets, a repeat's next run).
 */
@ApplicationScoped
class Fulfilling {

    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    /** type/subtype, optionally followed by parameters (RFC 9110 tokens). */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[\\w!#$%&'*+.^`|~-]+/[\\w!#$%&'*+.^`|~-]+(\\s*;.*)?");

    @Inject
    Clock clock;

    @Inject
    JobStoreSettings settings;

    @Inject
    JobStorage storage;

    @Inject
    AfterCommit afterCommit;

    @Inject
    JobMetrics metrics;

    @Inject
    LeaseHandles handles;

    @Inject
    Dependencies dependencies;

    @Inject
    Notifications notifications;

    @Inject
    Creation creation;

    @Inject
    Tracing tracing;

    @Inject
    Wakeups wakeups;

    /** Fulfills one job; throws why it cannot be (lease lost, not found, bad value). */
    void fulfill(UUID id, String token, byte[] value, String contentType) {
        if (id == null) {
            throw new InvalidRequestException("a job id is required");
        }
        CheckedFulfillment checked = new CheckedFulfillment(id, token, checkedResult(value, contentType));
        JobStoreException refused = fulfill(List.of(checked), clock.instant()).get(id);
        if (refused != null) {
            throw refused;
        }
    }

    /** Fulfills a group; answers why it left some jobs alone, by id. */
    Map<UUID, JobStoreException> fulfillAll(List<Fulfillment> fulfillments) {
        Map<UUID, JobStoreException> refused = new HashMap<>();
        List<CheckedFulfillment> acceptable = new ArrayList<>();
        for (Fulfillment fulfillment : fulfillments) {
            try {
                acceptable.add(new CheckedFulfillment(
                        fulfillment.jobId(),
                        fulfillment.token(),
                        checkedResult(fulfillment.value(), fulfillment.contentType())));
            } catch (JobStoreException e) {
                refused.put(fulfillment.jobId(), e);
            }
        }
        refused.putAll(fulfill(acceptable, clock.instant()));
        return refused;
    }

    private Map<UUID, JobStoreException> fulfill(List<CheckedFulfillment> group, Instant now) {
        if (group.isEmpty()) {
            return Map.of();
        }
        long started = System.nanoTime();
        FulfillOutcome outcome =
                tracing.inSpan(Operation.FULFILL, null, span -> described(span, group, storage.fulfill(group, now)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Map<UUID, String> tokens = new HashMap<>();
        group.forEach(each -> tokens.put(each.jobId(), each.token()));
        List<UUID> withDependents = new ArrayList<>(); // those that may have some, to be looked at
        List<UUID> withTargets = new ArrayList<>();
        for (Fulfilled done : outcome.fulfilled()) {
            String token = tokens.get(done.id());
            afterCommit.run(() -> handles.close(token));
            afterCommit.fire(new JobFulfilled(done.id(), done.queue(), done.contentType()));
            wakeups.finished(done.queue());
            metrics.fulfillStored(done.queue(), took);
            if (done.followUp() != null) {
                creation.announceNew(done.followUp(), done.queue());
            }
            if (done.mayHaveDependents()) {
                withDependents.add(done.id());
            }
            if (done.mayHavePendingTargets()) {
                withTargets.add(done.id());
            }
        }
        if (!withDependents.isEmpty()) {
            dependencies.fulfilled(withDependents, now);
        }
        if (!withTargets.isEmpty()) {
            notifications.jobsFulfilled(withTargets);
        }
        return outcome.refused();
    }

    /** A group's queue is known once its jobs are read: the span names the first fulfilled job's. */
    private static FulfillOutcome described(TracedSpan span, List<CheckedFulfillment> group, FulfillOutcome outcome) {
        span.count(group.size());
        if (group.size() == 1) {
            span.job(group.get(0).jobId());
        }
        if (!outcome.fulfilled().isEmpty()) {
            span.queue(outcome.fulfilled().get(0).queue());
        }
        return outcome;
    }

    private StoredResult checkedResult(byte[] value, String contentType) {
        byte[] content = value == null ? new byte[0] : value;
        if (content.length > settings.resultLimit()) {
            throw new PayloadTooLargeException(
                    "result", content.length, settings.resultLimit(), "jobstore.limits.result-bytes");
        }
        String type = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType.strip();
        if (type.length() > 255 || !MEDIA_TYPE.matcher(type).matches()) {
            throw new InvalidRequestException(
                    "content type '" + type + "' is not a media type such as text/plain" + " (at most 255 characters)");
        }
        return new StoredResult(type, content);
    }
}
