package dev.jobstore.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads each JSON scalar only from the JSON type it is written as: a string from a string, a
 * boolean from {@code true} or {@code false}, a whole number from a number without a fraction
 * that fits. JSON-B's defaults would turn {@code 1} into {@code "1"}, {@code "yes"} into a
 * boolean and {@code 1.5} into {@code 1}; a careless client must hear of it instead. Durations
 * and instants are ISO-8601 strings, and a wrong one is named with what is expected. (Each is
 * its own class: JSON-B finds the type a deserializer handles from its declaration.)
 */
final class StrictScalars {

    private StrictScalars() {}

    static JsonbDeserializer<?>[] all() {
        return new JsonbDeserializer<?>[] {
            new Strings(),
            new Booleans(),
            new Integers(),
            new Longs(),
            new Doubles(),
            new Durations(),
            new Instants(),
            new Uuids()
        };
    }

    static final class Strings implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return orNull(parser, value -> string(value, "a string"));
        }
    }

    static final class Booleans implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return orNull(parser, value -> {
                if (value.getValueType() != ValueType.TRUE && value.getValueType() != ValueType.FALSE) {
                    throw wrongType(value, "true or false");
                }
                return value.getValueType() == ValueType.TRUE;
            });
        }
    }

    static final class Integers implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return whole(parser, BigDecimal::intValueExact, "a whole number from -2147483648 to 2147483647");
        }
    }

    static final class Longs implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return whole(parser, BigDecimal::longValueExact, "a whole number that fits in 64 bits");
        }
    }

    static final class Doubles implements JsonbDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return orNull(parser, value -> number(value, "a number").doubleValue());
        }
    }

    static final class Durations implements JsonbDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return parsed(parser, Duration::parse, "an ISO-8601 duration such as PT30S");
        }
    }

    static final class Instants implements JsonbDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return parsed(parser, Instant::parse, "an ISO-8601 instant such as 2030-01-01T12:00:00Z");
        }
    }

    static final class Uuids implements JsonbDeserializer<UUID> {
        @Override
        public UUID deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return parsed(parser, UUID::fromString, "a job id (a UUID)");
        }
    }

    /**
     * JSON null reads as an absent value (what the request's own checks then refuse if the field
     * is required). Yasson's parser does not tell its current event; the value it is at tells its
     * type.
     */
    private static <T> T orNull(JsonParser parser, Function<JsonValue, T> read) {
        JsonValue value = parser.getValue();
        return value.getValueType() == ValueType.NULL ? null : read.apply(value);
    }

    private static String string(JsonValue value, String expected) {
        if (!(value instanceof JsonString string)) {
            throw wrongType(value, expected);
        }
        return string.getString();
    }

    private static BigDecimal number(JsonValue value, String expected) {
        if (!(value instanceof JsonNumber number)) {
            throw wrongType(value, expected);
        }
        return number.bigDecimalValue();
    }

    private static <T> T whole(JsonParser parser, Function<BigDecimal, T> exact, String expected) {
        return orNull(parser, value -> {
            BigDecimal number = number(value, expected);
            try {
                return exact.apply(number); // refuses a fraction, and a number out of range
            } catch (ArithmeticException e) {
                throw new JsonbException(number + " is not " + expected);
            }
        });
    }

    private static <T> T parsed(JsonParser parser, Function<String, T> parse, String expected) {
        return orNull(parser, value -> {
            String text = string(value, expected);
            try {
                return parse.apply(text);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new JsonbException("'" + text + "' is not " + expected, e);
            }
        });
    }

    private static JsonbException wrongType(JsonValue value, String expected) {
        return new JsonbException("found " + describe(value.getValueType()) + " where " + expected + " is expected");
    }

    private static String describe(ValueType type) {
        return switch (type) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
        };
    }
}
