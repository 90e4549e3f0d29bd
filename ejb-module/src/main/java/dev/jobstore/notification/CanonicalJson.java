package dev.jobstore.notification;

import dev.jobstore.job.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * One spelling per JSON value (object members sorted, recursively) and its SHA-256, so that
 * {@code {"a":1,"b":2}} and {@code {"b":2,"a":1}} are the same target.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    /** The value with every object's members in name order. */
    public static JsonValue canonical(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder sorted = Jsonp.PROVIDER.createObjectBuilder();
                new TreeMap<>((JsonObject) value).forEach((name, member) -> sorted.add(name, canonical(member)));
                yield sorted.build();
            }
            case ARRAY -> {
                JsonArrayBuilder items = Jsonp.PROVIDER.createArrayBuilder();
                ((JsonArray) value).forEach(item -> items.add(canonical(item)));
                yield items.build();
            }
            default -> value;
        };
    }

    /** Hex SHA-256 of the canonical text. */
    public static String hash(JsonValue value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(value).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
