package dev.jobstore.tracing;

import io.opentelemetry.api.trace.SpanKind;

/**
 * What a span does to a job, named after OpenTelemetry's messaging conventions: the span is
 * called {@code <name> <queue>} and carries {@code messaging.operation.name} and, where the
 * conventions have one, {@code messaging.operation.type}.
 */
public enum Operation {
    CREATE("create", "create", SpanKind.PRODUCER),
    CLAIM("claim", "receive", SpanKind.CLIENT),
    FULFILL("fulfill", "settle", SpanKind.CLIENT),
    PROCESS("process", "process", SpanKind.CONSUMER),
    /** A webhook attempt: an HTTP call of the server's, not a messaging operation. */
    WEBHOOK("webhook", null, SpanKind.CLIENT);

    private final String spanName;
    private final String type;
    private final SpanKind kind;

    Operation(String spanName, String type, SpanKind kind) {
        this.spanName = spanName;
        this.type = type;
        this.kind = kind;
    }

    String spanName(String queue) {
        return queue == null ? spanName : spanName + " " + queue;
    }

    String operationName() {
        return spanName;
    }

    /** The conventions' operation type, or {@code null}. */
    String type() {
        return type;
    }

    SpanKind kind() {
        return kind;
    }
}
