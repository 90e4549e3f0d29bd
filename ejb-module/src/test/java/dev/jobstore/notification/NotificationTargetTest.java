package dev.jobstore.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.job.Backoff;
import dev.jobstore.job.TargetState;
import dev.jobstore.job.TargetView;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationTargetTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(3));

    private static JsonValue json(String text) {
        return Json.createReader(new java.io.StringReader(text)).readValue();
    }

    @Test
    void canonical_json_ignores_member_order_at_every_depth() {
        assertEquals(
                CanonicalJson.hash(json("{\"a\":1,\"b\":{\"y\":[1,{\"q\":1,\"p\":2}],\"x\":true}}")),
                CanonicalJson.hash(json("{\"b\":{\"x\":true,\"y\":[1,{\"p\":2,\"q\":1}]},\"a\":1}")));
        assertNotEquals(CanonicalJson.hash(json("[1,2]")), CanonicalJson.hash(json("[2,1]")), "array order matters");
        assertNotEquals(CanonicalJson.hash(json("\"1\"")), CanonicalJson.hash(json("1")));
    }

    @Test
    void a_webhook_target_is_due_at_once_and_retried_after_the_backoff() {
        NotificationTarget target =
                NotificationTarget.queue(UUID.randomUUID(), json("{\"url\":\"http://h/\"}"), true, T0);
        assertTrue(target.isWebhookDueAt(T0));

        assertEquals(1, target.startAttempt(T0, Duration.ofSeconds(20)));
        assertFalse(target.isWebhookDueAt(T0.plusSeconds(19)), "an attempt in flight was due again");
        assertEquals(T0.plusSeconds(2), target.attemptFailed("HTTP 500", T0.plusSeconds(1), 3, BACKOFF));

        target.startAttempt(T0.plusSeconds(2), Duration.ofSeconds(20));
        assertEquals(T0.plusSeconds(5), target.attemptFailed("HTTP 500", T0.plusSeconds(3), 3, BACKOFF));

        target.startAttempt(T0.plusSeconds(5), Duration.ofSeconds(20));
        assertNull(target.attemptFailed("HTTP 500", T0.plusSeconds(6), 3, BACKOFF));
        assertEquals(TargetState.DEAD, target.state());
        assertEquals(3, target.view().attempts());
        assertEquals("HTTP 500", target.view().lastError());
    }

    @Test
    void a_delivered_webhook_keeps_its_delivery_id_and_clears_the_error() {
        NotificationTarget target =
                NotificationTarget.queue(UUID.randomUUID(), json("{\"url\":\"http://h/\"}"), true, T0);
        UUID deliveryId = target.view().deliveryId();
        target.startAttempt(T0, Duration.ofSeconds(20));
        target.attemptFailed("timeout", T0, 5, BACKOFF);
        target.startAttempt(T0.plusSeconds(1), Duration.ofSeconds(20));
        target.webhookDelivered(T0.plusSeconds(2));

        TargetView view = target.view();
        assertEquals(TargetState.DELIVERED, view.state());
        assertEquals(deliveryId, view.deliveryId());
        assertNull(view.lastError());
        assertFalse(target.isWebhookDueAt(T0.plusSeconds(60)));
    }

    @Test
    void other_targets_are_never_due_for_the_deliverer() {
        NotificationTarget target = NotificationTarget.queue(UUID.randomUUID(), json("{\"email\":\"a@b\"}"), false, T0);
        assertFalse(target.isWebhookDueAt(T0.plusSeconds(60)));
        assertNull(target.view().nextAttemptAt());
    }
}
