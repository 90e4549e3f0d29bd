package dev.jobstore.api;

import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Reads durations and instants as ISO-8601 strings and, when one is wrong, says which text
 * was wrong and what is expected; the default deserializers only say "cannot be parsed".
 * (Each is its own class: JSON-B finds the type a deserializer handles from its declaration.)
 */
final class IsoTimeDeserializers {

    private IsoTimeDeserializers() {}

    static final class Durations implements JsonbDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return parse(parser, Duration::parse, "an ISO-8601 duration such as PT30S");
        }
    }

    static final class Instants implements JsonbDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return parse(parser, Instant::parse, "an ISO-8601 instant such as 2030-01-01T12:00:00Z");
        }
    }

    private static <T> T parse(JsonParser parser, Function<String, T> parse, String expected) {
        String text = parser.getString();
        try {
            return parse.apply(text);
        } catch (DateTimeParseException e) {
            throw new JsonbException("'" + text + "' is not " + expected, e);
        }
    }
}
