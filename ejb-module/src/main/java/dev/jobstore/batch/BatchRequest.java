package dev.jobstore.batch;

import dev.jobstore.job.InvalidRequestException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a job on the batch queue asks for: {@code {"batchJob": "name", "parameters": {...}}}; and
 * how a request's {@code parameters} read, each a string, number or boolean.
 */
public record BatchRequest(String batchJob, Map<String, String> parameters) {

    /** Reads a job's payload; {@code InvalidRequestException} says what is wrong with it. */
    static BatchRequest of(JsonValue payload) {
        if (!(payload instanceof JsonObject object) || !(object.get("batchJob") instanceof JsonString name)) {
            throw new InvalidRequestException(
                    "a job on the batch queue needs a payload {\"batchJob\": \"<name>\", \"parameters\": {...}}");
        }
        return new BatchRequest(name.getString(), parameters(object.get("parameters")));
    }

    /** Reads {@code parameters}: absent, null or an object of strings, numbers and booleans. */
    public static Map<String, String> parameters(JsonValue given) {
        if (given == null || given.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (!(given instanceof JsonObject values)) {
            throw new InvalidRequestException("\"parameters\" must be an object");
        }
        Map<String, String> parameters = new TreeMap<>();
        values.forEach((key, value) -> parameters.put(key, text(key, value)));
        return parameters;
    }

    private static String text(String key, JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).toString();
            case TRUE, FALSE -> value.toString();
            default ->
                throw new InvalidRequestException("parameter '" + key + "' must be a string, a number or a boolean");
        };
    }
}
