package dev.jobstore.tracing;

import dev.jobstore.job.JobView;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the store's spans with the {@link Tracer} of the server's MicroProfile Telemetry. Off
 * unless {@code otel.sdk.disabled=false}, the very setting MicroProfile Telemetry reads: then
 * every method only runs the work it is given, so a job stores no trace context and the hot
 * paths pay one boolean check.
 */
@ApplicationScoped
public class Tracing {

    /** A piece of work inside a span. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run(TracedSpan span) throws E;
    }

    private static final String SYSTEM = "jobstore";

    @Inject
    @ConfigProperty(name = "otel.sdk.disabled", defaultValue = "true")
    boolean disabled;

    @Inject
    Tracer tracer;

    /** Runs {@code work} in a span that is a child of the current one (an HTTP request's, a caller's). */
    public <T, E extends Exception> T inSpan(Operation operation, String queue, Work<T, E> work) throws E {
        if (disabled) {
            return work.run(TracedSpan.OFF);
        }
        return run(operation, builder(operation, queue), work);
    }

    /**
     * Runs {@code work} for a job in a span whose parent is the job's producer (the {@code
     * traceparent} it stored when it was created), with a link to it as well: the job's trace
     * then runs from its creation to its result, and tools that follow links (as the messaging
     * conventions ask of consumers) find the producer too. A job with no stored context gets a
     * span of the current context.
     */
    public <T, E extends Exception> T inSpanOf(Operation operation, String queue, String producer, Work<T, E> work)
            throws E {
        if (disabled) {
            return work.run(TracedSpan.OFF);
        }
        SpanBuilder builder = builder(operation, queue);
        SpanContext parent = TraceParent.parse(producer);
        if (parent.isValid()) {
            builder.setParent(Context.root().with(Span.wrap(parent))).addLink(parent);
        }
        return run(operation, builder, work);
    }

    /**
     * Records a claim that granted jobs, after the fact, so that the rechecks of long polls that
     * find nothing make no spans; it links to the producer of every job granted.
     */
    public void claimed(String queue, String worker, Duration took, List<JobView> granted) {
        if (disabled || granted.isEmpty()) {
            return;
        }
        SpanBuilder builder = builder(Operation.CLAIM, queue)
                .setStartTimestamp(Instant.now().minus(took))
                .setAttribute(TracedSpan.CLIENT_ID, worker)
                .setAttribute(TracedSpan.BATCH_COUNT, granted.size());
        for (JobView job : granted) {
            SpanContext producer = TraceParent.parse(job.traceparent());
            if (producer.isValid()) {
                builder.addLink(producer);
            }
        }
        builder.startSpan().end();
    }

    private SpanBuilder builder(Operation operation, String queue) {
        SpanBuilder builder = tracer.spanBuilder(operation.spanName(queue))
                .setSpanKind(operation.kind())
                .setAttribute(TracedSpan.SYSTEM, SYSTEM)
                .setAttribute(TracedSpan.OPERATION_NAME, operation.operationName());
        if (operation.type() != null) {
            builder.setAttribute(TracedSpan.OPERATION_TYPE, operation.type());
        }
        if (queue != null) {
            builder.setAttribute(TracedSpan.DESTINATION, queue);
        }
        return builder;
    }

    private static <T, E extends Exception> T run(Operation operation, SpanBuilder builder, Work<T, E> work) throws E {
        Span span = builder.startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.run(new TracedSpan(span, operation));
        } catch (Throwable e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }
}
