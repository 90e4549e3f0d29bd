package dev.jobstore.notification;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What makes a target a webhook, and which hosts webhooks may reach. */
@ApplicationScoped
public class WebhookTargets {

    static final String ALLOWED_HOSTS = "jobstore.webhook.allowed-hosts";

    private static final String SECRET = "secret";

    /** Hosts webhooks may reach; {@code *} allows any. The default allows loopback only. */
    @Inject
    @ConfigProperty(name = ALLOWED_HOSTS, defaultValue = "localhost,127.0.0.1,::1")
    List<String> allowedHosts;

    /** The URL of a webhook target: an object whose {@code url} is an http(s) URL. */
    public static Optional<URI> webhookUrl(JsonValue target) {
        if (!(target instanceof JsonObject object) || !(object.get("url") instanceof JsonString url)) {
            return Optional.empty();
        }
        String text = url.getString();
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(text);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("webhook url '" + text + "' is not a valid URL");
        }
    }

    /**
     * The target's own signing secrets ({@code secret}: one, or an array during a rotation);
     * empty when it has none. Throws {@link InvalidRequestException} for a malformed one.
     */
    public static List<WebhookSecret> secrets(JsonValue target) {
        JsonValue secret = target instanceof JsonObject object ? object.get(SECRET) : null;
        if (secret == null) {
            return List.of();
        }
        List<JsonValue> values = secret instanceof JsonArray array ? array : List.of(secret);
        if (values.isEmpty() || values.size() > 4 || !values.stream().allMatch(JsonString.class::isInstance)) {
            throw new InvalidRequestException("a webhook's secret is a string, or an array of one to four strings");
        }
        return values.stream()
                .map(value -> WebhookSecret.parse(((JsonString) value).getString()))
                .toList();
    }

    /** The target as readers see it: a webhook's secret is never shown. */
    public static JsonValue redacted(JsonValue target) {
        if (target instanceof JsonObject object && object.containsKey(SECRET)) {
            return Jsonp.PROVIDER
                    .createObjectBuilder(object)
                    .add(SECRET, "(hidden)")
                    .build();
        }
        return target;
    }

    public boolean allows(URI url) {
        String host = url.getHost().replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
        return allowedHosts.stream()
                .map(String::strip)
                .anyMatch(allowed -> allowed.equals("*") || allowed.equalsIgnoreCase(host));
    }

    /** Throws {@link InvalidRequestException} unless webhooks may reach {@code url}. */
    public void requireAllowed(URI url) {
        if (!allows(url)) {
            throw new InvalidRequestException(notAllowed(url));
        }
    }

    public static String notAllowed(URI url) {
        return "webhook host '" + url.getHost() + "' is not allowed (" + ALLOWED_HOSTS + ")";
    }
}
