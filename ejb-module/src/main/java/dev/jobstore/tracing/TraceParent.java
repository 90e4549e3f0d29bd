package dev.jobstore.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A span context as the W3C {@code traceparent} a job stores (55 characters, {@code
 * 00-<trace id>-<span id>-<flags>}), written and read by OpenTelemetry's own propagator. The
 * {@code tracestate} is not kept: a link or a parent needs only the ids and the flags.
 */
public final class TraceParent {

    /** The longest value stored: version 00 is 55 characters; later versions may append fields. */
    public static final int MAX_LENGTH = 128;

    private static final String HEADER = "traceparent";

    private static final TextMapGetter<String> VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private TraceParent() {}

    /** The {@code traceparent} of {@code context}, or {@code null} if it is not a valid one. */
    public static String of(SpanContext context) {
        if (!context.isValid()) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(context)), headers, Map::put);
        String value = headers.get(HEADER);
        return value == null || value.length() > MAX_LENGTH ? null : value;
    }

    /** The remote span context {@code traceparent} names: invalid if it is {@code null} or malformed. */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null) {
            return SpanContext.getInvalid();
        }
        Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, VALUE);
        return Span.fromContext(extracted).getSpanContext();
    }
}
