package dev.jobstore.api;

import dev.jobstore.job.Jsonp;
import dev.jobstore.notification.Notification;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A leased notification on the wire. The job's value travels in {@code value} according to
 * {@code encoding}: {@code json} (the JSON value itself, for JSON content types), {@code text}
 * (a string, for {@code text/*}) or {@code base64} (any other bytes).
 */
@JsonbPropertyOrder({"jobId", "contentType", "encoding", "value", "waiting", "token", "expiresAt"})
public record NotificationView(
        UUID jobId,
        String contentType,
        String encoding,
        JsonValue value,
        List<JsonValue> waiting,
        String token,
        Instant expiresAt) {

    static NotificationView of(Notification notification) {
        String contentType = notification.contentType();
        byte[] bytes = notification.value();
        MediaType type = parse(contentType);
        if (type != null && isJson(type)) {
            try (JsonReader reader = Jsonp.PROVIDER.createReader(new ByteArrayInputStream(bytes))) {
                return view(notification, "json", reader.readValue());
            } catch (RuntimeException e) {
                // stored as JSON but is not (or nests deeper than the parser's limit, which it
                // reports as a plain RuntimeException): fall through to base64, which never loses a byte
            }
        }
        if (type != null && "text".equalsIgnoreCase(type.getType())) {
            return view(notification, "text", Jsonp.PROVIDER.createValue(new String(bytes, charsetOf(type))));
        }
        return view(
                notification,
                "base64",
                Jsonp.PROVIDER.createValue(Base64.getEncoder().encodeToString(bytes)));
    }

    private static NotificationView view(Notification notification, String encoding, JsonValue value) {
        return new NotificationView(
                notification.jobId(),
                notification.contentType(),
                encoding,
                value,
                notification.waiting(),
                notification.token(),
                notification.expiresAt());
    }

    private static boolean isJson(MediaType type) {
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        return "application".equalsIgnoreCase(type.getType()) && (subtype.equals("json") || subtype.endsWith("+json"));
    }

    private static Charset charsetOf(MediaType type) {
        String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static MediaType parse(String contentType) {
        try {
            return MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
