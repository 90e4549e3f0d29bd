package dev.jobstore.notification;

import dev.jobstore.job.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook signing secret in the Standard Webhooks format ({@code whsec_} and the key in
 * base64), and the signature it makes: {@code v1,} and the base64 HMAC-SHA256 of {@code
 * id.timestamp.body}.
 */
public record WebhookSecret(byte[] key) {

    public static final String PREFIX = "whsec_";

    /** Parses {@code text}; throws {@link InvalidRequestException} if it is not a secret of that format. */
    public static WebhookSecret parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new InvalidRequestException("a webhook secret is 'whsec_' followed by its key in base64");
        }
        try {
            byte[] key =
                    Base64.getDecoder().decode(text.substring(PREFIX.length()).strip());
            if (key.length < 24 || key.length > 64) {
                throw new InvalidRequestException("a webhook secret's key is 24 to 64 bytes");
            }
            return new WebhookSecret(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("a webhook secret's key after 'whsec_' must be base64");
        }
    }

    /** The {@code webhook-signature} header: one {@code v1,} signature per secret, space-separated. */
    public static String signatures(List<WebhookSecret> secrets, String id, long timestamp, byte[] body) {
        return String.join(
                " ",
                secrets.stream()
                        .map(secret -> "v1," + secret.sign(id, timestamp, body))
                        .toList());
    }

    private String sign(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
