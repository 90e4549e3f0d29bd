package dev.jobstore.log;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * A log line: when, how much it matters ({@code debug}, {@code info}, {@code warning},
 * {@code danger}), what, and optional JSON data. Also the body of an append, where {@code at}
 * is ignored.
 */
@JsonbPropertyOrder({"at", "level", "message", "data"})
public record LogLine(Instant at, String level, String message, JsonValue data) {}
