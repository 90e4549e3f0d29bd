package dev.jobstore.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TracingTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void a_traceparent_is_written_and_read_back_by_the_w3c_propagator() {
        SpanContext context = SpanContext.create(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getSampled(),
                TraceState.getDefault());
        assertEquals(TRACEPARENT, TraceParent.of(context));
        SpanContext read = TraceParent.parse(TRACEPARENT);
        assertTrue(read.isValid());
        assertTrue(read.isRemote());
        assertEquals(context.getTraceId(), read.getTraceId());
        assertEquals(context.getSpanId(), read.getSpanId());
        assertTrue(read.isSampled());
    }

    @Test
    void no_context_is_no_traceparent_and_a_bad_one_reads_as_none() {
        assertNull(TraceParent.of(SpanContext.getInvalid()));
        assertFalse(TraceParent.parse(null).isValid());
        assertFalse(TraceParent.parse("not a traceparent").isValid());
        assertFalse(TraceParent.parse("00-00000000000000000000000000000000-b7ad6b7169203331-01")
                .isValid());
    }

    @Test
    void with_tracing_off_work_runs_without_a_tracer_and_keeps_no_context() {
        Tracing tracing = new Tracing();
        tracing.disabled = true; // and no Tracer at all: none may be asked for
        String kept = tracing.inSpan(Operation.CREATE, "q", span -> {
            assertSame(TracedSpan.OFF, span);
            return span.job(UUID.randomUUID()).count(3).traceparent();
        });
        assertNull(kept);
        assertEquals("ran", tracing.inSpanOf(Operation.PROCESS, "q", TRACEPARENT, span -> {
            assertSame(TracedSpan.OFF, span);
            return "ran";
        }));
        tracing.claimed("q", "w", Duration.ofMillis(1), List.of());
    }
}
