package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.Management;
import dev.jobstore.it.support.Receiver;
import dev.jobstore.job.NewJob;
import dev.jobstore.job.TargetState;
import dev.jobstore.job.TargetView;
import dev.jobstore.job.TransitionNotAllowedException;
import dev.jobstore.notification.Notifications;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built-in webhook deliverer against a real HTTP receiver. The test server retries after
 * 0.2 s, doubling, at most 4 attempts, signs with {@link #SERVER_SECRET}, allows the hosts
 * 127.0.0.1 and 127.0.0.2 but of the private networks only 127.0.0.1/32 ({@code
 * jobstore.webhook.*} in arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
class WebhookIT {

    private static final Logger LOG = Logger.getLogger(WebhookIT.class.getName());
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The test server's signing secret (arquillian.xml); a test value, never a real one. */
    static final String SERVER_SECRET = "whsec_dGVzdC1zZXJ2ZXItc2VjcmV0LW9mLTMyLWJ5dGVzISE=";

    private static final String TARGET_SECRET = "whsec_dGFyZ2V0LXNlY3JldC1vbmUtb2YtMzItYnl0ZXMhIQ==";
    private static final String NEXT_TARGET_SECRET = "whsec_dGFyZ2V0LXNlY3JldC10d28tb2YtMzItYnl0ZXMhIQ==";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(WebhookIT.class);
    }

    @Inject
    JobStore store;

    @Inject
    Notifications notifications;

    private final String queue = "webhook-" + UUID.randomUUID();

    private UUID createJob() {
        return store.create(queue, NewJob.of(Json.createValue("work"))).job().id();
    }

    private void leaseAndFulfill(UUID id, String json) {
        JobLease lease = store.pullWork(queue, "worker").orElseThrow();
        assertEquals(id, lease.jobId());
        lease.fulfill(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private TargetView onlyTarget(UUID id) {
        List<TargetView> targets = store.get(id).targets();
        assertEquals(1, targets.size(), () -> "targets: " + targets);
        return targets.get(0);
    }

    /** A job with {@code target} queued, then fulfilled with {@code json}. */
    private UUID fulfilledWith(JsonValue target, String json) {
        UUID id = createJob();
        notifications.queue(id, target);
        leaseAndFulfill(id, json);
        return id;
    }

    private static Receiver.Call firstCall(String receiver) {
        return Await.until("the webhook call", PATIENCE, () -> Receiver.calls(receiver), c -> !c.isEmpty())
                .get(0);
    }

    private TargetView deadTarget(UUID id) {
        return Await.until("the target to be dead", PATIENCE, () -> onlyTarget(id), t -> t.state() == TargetState.DEAD);
    }

    private JsonValue webhook(String receiverName) {
        return Json.createObjectBuilder().add("url", Receiver.url(receiverName)).build();
    }

    @Test
    void the_receiver_gets_the_value_right_after_fulfill() {
        String receiver = "ok-" + UUID.randomUUID();
        UUID id = createJob();
        notifications.queue(id, webhook(receiver));
        assertEquals(List.of(), Receiver.calls(receiver), "delivered before the job was fulfilled");
        store.pullWork(queue, "worker").orElseThrow().release(); // the second lease fulfills: fence 2

        long fulfilledAt = System.nanoTime();
        leaseAndFulfill(id, "{\"answer\":42}");
        List<Receiver.Call> calls =
                Await.until("the webhook call", PATIENCE, () -> Receiver.calls(receiver), c -> !c.isEmpty());

        Receiver.Call call = calls.get(0);
        LOG.info("webhook latency: value received " + TimeUnit.NANOSECONDS.toMillis(call.receivedNanos() - fulfilledAt)
                + " ms after fulfill was called");
        assertArrayEquals("{\"answer\":42}".getBytes(StandardCharsets.UTF_8), call.body());
        assertEquals("application/json", call.contentType());
        assertEquals(id.toString(), call.jobId());
        assertEquals("1", call.attempt());
        assertEquals("2", call.fence(), "the fence of the lease that fulfilled the job");
        TargetView target = Await.until(
                "the target to be delivered", PATIENCE, () -> onlyTarget(id), t -> t.state() == TargetState.DELIVERED);
        assertEquals(target.deliveryId().toString(), call.deliveryId());
        assertEquals(1, target.attempts());
        assertEquals(1, Receiver.calls(receiver).size());
    }

    @Test
    void a_receiver_failing_twice_is_retried_with_the_same_delivery_id() {
        String receiver = "fail-2-" + UUID.randomUUID();
        double retriesBefore = deliveries("retry");
        double deliveredBefore = deliveries("delivered");
        UUID id = createJob();
        notifications.queue(id, webhook(receiver));
        leaseAndFulfill(id, "{}");

        TargetView target = Await.until(
                "the third attempt to deliver",
                PATIENCE,
                () -> onlyTarget(id),
                t -> t.state() == TargetState.DELIVERED);

        List<Receiver.Call> calls = Receiver.calls(receiver);
        assertEquals(3, calls.size());
        assertEquals(3, target.attempts());
        assertEquals(
                List.of("1", "2", "3"),
                calls.stream().map(Receiver.Call::attempt).toList());
        assertTrue(
                calls.stream()
                        .allMatch(call ->
                                call.deliveryId().equals(target.deliveryId().toString())),
                "the delivery id changed between attempts");
        // Other tests' deliveries may count too, never fewer: the counters only grow.
        Await.until("the retries counted", PATIENCE, () -> deliveries("retry"), n -> n >= retriesBefore + 2);
        Await.until("the delivery counted", PATIENCE, () -> deliveries("delivered"), n -> n >= deliveredBefore + 1);
    }

    private static double deliveries(String outcome) {
        return Management.sample("jobstore_webhook_deliveries_total", Map.of("outcome", outcome))
                .orElse(0);
    }

    @Test
    void a_receiver_that_never_accepts_ends_dead_and_visible_on_the_job() {
        String receiver = "dead-" + UUID.randomUUID();
        UUID id = fulfilledWith(webhook(receiver), "{}");

        TargetView target = deadTarget(id);

        assertEquals(4, target.attempts());
        assertEquals(4, Receiver.calls(receiver).size());
        assertTrue(target.lastError().contains("HTTP 503"), target.lastError());
    }

    @Test
    void a_dead_target_retried_by_an_admin_gets_a_fresh_round_and_is_delivered() {
        String receiver = "fail-4-" + UUID.randomUUID();
        UUID id = fulfilledWith(webhook(receiver), "{}");
        TargetView dead = deadTarget(id);

        TargetView retried = notifications.retryTarget(id, dead.deliveryId());

        assertEquals(TargetState.PENDING, retried.state());
        assertEquals(0, retried.attempts());
        TargetView delivered = Await.until(
                "the delivery after the retry",
                PATIENCE,
                () -> onlyTarget(id),
                t -> t.state() == TargetState.DELIVERED);
        assertEquals(1, delivered.attempts());
        assertEquals(5, Receiver.calls(receiver).size());
        assertThrows(TransitionNotAllowedException.class, () -> notifications.retryTarget(id, dead.deliveryId()));
    }

    @Test
    void a_webhook_queued_on_a_fulfilled_job_is_delivered_at_once() {
        UUID id = createJob();
        leaseAndFulfill(id, "[1,2,3]");
        String receiver = "late-" + UUID.randomUUID();

        notifications.queue(id, webhook(receiver));

        List<Receiver.Call> calls =
                Await.until("the webhook call", PATIENCE, () -> Receiver.calls(receiver), c -> !c.isEmpty());
        assertArrayEquals(
                "[1,2,3]".getBytes(StandardCharsets.UTF_8), calls.get(0).body());
    }

    @Test
    void every_delivery_is_signed_per_standard_webhooks_with_the_servers_secret() {
        String receiver = "signed-" + UUID.randomUUID();
        fulfilledWith(webhook(receiver), "{\"signed\":true}");

        Receiver.Call call = firstCall(receiver);
        assertEquals(call.deliveryId(), call.webhookId());
        assertTrue(call.signedWith(SERVER_SECRET), () -> "signature " + call.signature() + " at " + call.timestamp());
        assertFalse(call.signedWith(TARGET_SECRET), "a signature that any secret verifies proves nothing");
    }

    @Test
    void a_target_with_secrets_of_its_own_is_signed_with_each_and_they_are_never_shown() {
        String receiver = "rotating-" + UUID.randomUUID();
        JsonValue target = Json.createObjectBuilder()
                .add("url", Receiver.url(receiver))
                .add("secret", Json.createArrayBuilder().add(TARGET_SECRET).add(NEXT_TARGET_SECRET))
                .build();
        UUID id = fulfilledWith(target, "{}");

        Receiver.Call call = firstCall(receiver);
        assertEquals(2, call.signature().split(" ").length, call.signature());
        assertTrue(call.signedWith(TARGET_SECRET));
        assertTrue(call.signedWith(NEXT_TARGET_SECRET));
        assertFalse(call.signedWith(SERVER_SECRET));
        String shown = onlyTarget(id).target().toString();
        assertFalse(shown.contains(TARGET_SECRET) || shown.contains(NEXT_TARGET_SECRET), shown);
    }

    @Test
    void a_host_that_resolves_to_a_private_address_not_allowed_ends_dead_uncalled() {
        String receiver = "private-" + UUID.randomUUID();
        String privateUrl = Receiver.url(receiver).replace("127.0.0.1", "127.0.0.2");
        UUID id =
                fulfilledWith(Json.createObjectBuilder().add("url", privateUrl).build(), "{}");

        TargetView target = deadTarget(id);
        assertEquals(1, target.attempts(), "a refused address is not retried");
        assertTrue(target.lastError().contains("private"), target.lastError());
        assertEquals(List.of(), Receiver.calls(receiver));
    }

    @Test
    void a_redirect_is_not_followed() {
        String receiver = "redirect-" + UUID.randomUUID();
        UUID id = fulfilledWith(webhook(receiver), "{}");

        TargetView target = deadTarget(id);
        assertTrue(target.lastError().contains("HTTP 302"), target.lastError());
        assertEquals(4, Receiver.calls(receiver).size());
        assertEquals(List.of(), Receiver.calls("redirected-" + receiver), "the redirect was followed");
    }
}
