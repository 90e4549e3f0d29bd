package dev.jobstore.api;

import dev.jobstore.job.InvalidRequestException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Parses path and query parameters by hand: JAX-RS would answer a malformed one with 404,
 * where the caller deserves a 400 that names the parameter.
 */
final class Params {

    private Params() {}

    static UUID jobId(String id) {
        return uuid(id, "'" + id + "' is not a job id (a UUID is expected)");
    }

    static UUID tokenId(String id) {
        return uuid(id, "'" + id + "' is not a token id (a UUID is expected)");
    }

    static UUID deliveryId(String id) {
        return uuid(id, "'" + id + "' is not a target's delivery id (a UUID is expected)");
    }

    static UUID optionalJobId(String name, String value) {
        return value == null || value.isEmpty()
                ? null
                : uuid(value, name + " must be a job id (a UUID), not '" + value + "'");
    }

    private static UUID uuid(String value, String problem) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(problem);
        }
    }

    static Integer optionalInt(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name + " must be a whole number, not '" + value + "'");
        }
    }

    static Duration optionalDuration(String name, String value, Duration otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name + " must be an ISO-8601 duration such as PT1H, not '" + value + "'");
        }
    }

    static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidRequestException(name + " must be true or false, not '" + value + "'");
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(name + " is required");
        }
        return value;
    }
}
