package dev.jobstore.it.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One span as the server exported it over OTLP, read from the protobuf message by hand (the field
 * numbers of opentelemetry-proto's {@code trace.proto}, {@code common.proto}): a test needs only
 * ids, the name, the parent, string and integer attributes and the links.
 *
 * @param links each linked span context as {@code <trace id>-<span id>}
 */
public record ExportedSpan(
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        int kind,
        Map<String, String> attributes,
        List<String> links) {

    /** OTLP's SpanKind numbers. */
    public static final int INTERNAL = 1, SERVER = 2, CLIENT = 3, PRODUCER = 4, CONSUMER = 5;

    /** The spans of an {@code ExportTraceServiceRequest}. */
    static List<ExportedSpan> decode(byte[] request) {
        List<ExportedSpan> spans = new ArrayList<>();
        for (Field resourceSpans : fields(request, 1)) {
            for (Field scopeSpans : fields(resourceSpans.bytes, 2)) {
                for (Field span : fields(scopeSpans.bytes, 2)) {
                    spans.add(span(span.bytes));
                }
            }
        }
        return spans;
    }

    private static ExportedSpan span(byte[] span) {
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> links = new ArrayList<>();
        String traceId = null, spanId = null, parent = null, name = null;
        int kind = 0;
        for (Field field : fields(span, -1)) {
            switch (field.number) {
                case 1 -> traceId = hex(field.bytes);
                case 2 -> spanId = hex(field.bytes);
                case 4 -> parent = field.bytes.length == 0 ? null : hex(field.bytes);
                case 5 -> name = new String(field.bytes, StandardCharsets.UTF_8);
                case 6 -> kind = (int) field.value;
                case 9 -> attribute(field.bytes, attributes);
                case 13 -> links.add(link(field.bytes));
                default -> {}
            }
        }
        return new ExportedSpan(traceId, spanId, parent, name, kind, attributes, links);
    }

    private static void attribute(byte[] keyValue, Map<String, String> into) {
        String key = null, value = null;
        for (Field field : fields(keyValue, -1)) {
            if (field.number == 1) {
                key = new String(field.bytes, StandardCharsets.UTF_8);
            } else if (field.number == 2) {
                for (Field any : fields(field.bytes, -1)) {
                    value = switch (any.number) {
                        case 1 -> new String(any.bytes, StandardCharsets.UTF_8);
                        case 2, 3 -> Long.toString(any.value);
                        default -> "(other)";
                    };
                }
            }
        }
        into.put(key, value);
    }

    private static String link(byte[] link) {
        String traceId = null, spanId = null;
        for (Field field : fields(link, -1)) {
            if (field.number == 1) {
                traceId = hex(field.bytes);
            } else if (field.number == 2) {
                spanId = hex(field.bytes);
            }
        }
        return traceId + "-" + spanId;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** One field of a message: its number, and its bytes (length-delimited) or its value (varint, fixed). */
    record Field(int number, byte[] bytes, long value) {}

    /** The fields of {@code message} numbered {@code number}, or all of them for -1. */
    private static List<Field> fields(byte[] message, int number) {
        ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        List<Field> fields = new ArrayList<>();
        while (in.hasRemaining()) {
            long tag = varint(in);
            int field = (int) (tag >>> 3);
            Field read = switch ((int) (tag & 7)) {
                case 0 -> new Field(field, null, varint(in));
                case 1 -> new Field(field, null, in.getLong());
                case 2 -> {
                    byte[] bytes = new byte[(int) varint(in)];
                    in.get(bytes);
                    yield new Field(field, bytes, 0);
                }
                case 5 -> new Field(field, null, in.getInt());
                default -> throw new IllegalArgumentException("unknown wire type in tag " + tag);
            };
            if (number == -1 || number == field) {
                fields.add(read);
            }
        }
        return fields;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}
