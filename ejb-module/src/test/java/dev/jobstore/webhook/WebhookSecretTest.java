package dev.jobstore.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.notification.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    /** The example of the Standard Webhooks specification and its reference libraries. */
    @Test
    void signs_as_the_standard_webhooks_example() {
        WebhookSecret secret = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String header = WebhookSecret.signatures(
                List.of(secret),
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", header);
    }

    @Test
    void several_secrets_give_one_signature_each() {
        WebhookSecret one = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        WebhookSecret two = WebhookSecret.parse("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        String header = WebhookSecret.signatures(List.of(one, two), "id", 1L, new byte[0]);
        assertEquals(2, header.split(" ").length, header);
    }

    @Test
    void a_secret_is_whsec_and_base64() {
        assertThrows(InvalidRequestException.class, () -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertThrows(InvalidRequestException.class, () -> WebhookSecret.parse("whsec_not base64!"));
        assertThrows(InvalidRequestException.class, () -> WebhookSecret.parse("whsec_c2hvcnQ="));
    }
}
