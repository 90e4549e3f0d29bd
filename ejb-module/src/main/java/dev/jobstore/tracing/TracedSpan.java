package dev.jobstore.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.UUID;

/**
 * The span of one traced operation, for the code inside it to describe what it did. With tracing
 * off it is {@link #OFF}, whose methods do nothing and whose {@link #traceparent()} is {@code null}.
 */
public final class TracedSpan {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
    static final AttributeKey<String> CLIENT_ID = AttributeKey.stringKey("messaging.client.id");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("jobstore.attempt");
    static final AttributeKey<Long> WEBHOOK_ATTEMPT = AttributeKey.longKey("jobstore.webhook.attempt");

    static final TracedSpan OFF = new TracedSpan(Span.getInvalid(), null);

    private final Span span;
    private final Operation operation;

    TracedSpan(Span span, Operation operation) {
        this.span = span;
        this.operation = operation;
    }

    /** The job the operation is about ({@code messaging.message.id}). */
    public TracedSpan job(UUID id) {
        if (span.isRecording()) {
            span.setAttribute(MESSAGE_ID, id.toString());
        }
        return this;
    }

    /** The queue, for a span that learns it only inside (a group fulfill): its name says it too. */
    public TracedSpan queue(String queue) {
        if (span.isRecording()) {
            span.setAttribute(DESTINATION, queue);
            span.updateName(operation.spanName(queue));
        }
        return this;
    }

    /** How many jobs the operation handled, when it may be more than one. */
    public TracedSpan count(int jobs) {
        if (span.isRecording()) {
            span.setAttribute(BATCH_COUNT, jobs);
        }
        return this;
    }

    /** The job's attempt (counted from 1) that a handler runs. */
    public TracedSpan attempt(int attempt) {
        if (span.isRecording()) {
            span.setAttribute(ATTEMPT, attempt);
        }
        return this;
    }

    /** The webhook attempt (counted from 1). */
    public TracedSpan webhookAttempt(int attempt) {
        if (span.isRecording()) {
            span.setAttribute(WEBHOOK_ATTEMPT, attempt);
        }
        return this;
    }

    /** The operation failed without an exception (a webhook receiver's error answer). */
    public TracedSpan failed(String error) {
        span.setStatus(StatusCode.ERROR, error);
        return this;
    }

    /** This span's context as a W3C {@code traceparent}; {@code null} with tracing off. */
    public String traceparent() {
        return TraceParent.of(span.getSpanContext());
    }
}
