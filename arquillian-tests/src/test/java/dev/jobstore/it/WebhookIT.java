package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.Receiver;
import dev.jobstore.job.NewJob;
import dev.jobstore.job.TargetState;
import dev.jobstore.job.TargetView;
import dev.jobstore.notification.Notifications;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
 * 0.2 s, doubling, at most 4 attempts ({@code jobstore.webhook.*} in arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
class WebhookIT {

    private static final Logger LOG = Logger.getLogger(WebhookIT.class.getName());
    private static final Duration PATIENCE = Duration.ofSeconds(30);

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

    private JsonValue webhook(String receiverName) {
        return Json.createObjectBuilder().add("url", Receiver.url(receiverName)).build();
    }

    @Test
    void the_receiver_gets_the_value_right_after_fulfill() {
        String receiver = "ok-" + UUID.randomUUID();
        UUID id = createJob();
        notifications.queue(id, webhook(receiver));
        assertEquals(List.of(), Receiver.calls(receiver), "delivered before the job was fulfilled");

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
        TargetView target = Await.until(
                "the target to be delivered", PATIENCE, () -> onlyTarget(id), t -> t.state() == TargetState.DELIVERED);
        assertEquals(target.deliveryId().toString(), call.deliveryId());
        assertEquals(1, target.attempts());
        assertEquals(1, Receiver.calls(receiver).size());
    }

    @Test
    void a_receiver_failing_twice_is_retried_with_the_same_delivery_id() {
        String receiver = "fail-2-" + UUID.randomUUID();
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
    }

    @Test
    void a_receiver_that_never_accepts_ends_dead_and_visible_on_the_job() {
        String receiver = "dead-" + UUID.randomUUID();
        UUID id = createJob();
        notifications.queue(id, webhook(receiver));
        leaseAndFulfill(id, "{}");

        TargetView target = Await.until(
                "the target to be dead", PATIENCE, () -> onlyTarget(id), t -> t.state() == TargetState.DEAD);

        assertEquals(4, target.attempts());
        assertEquals(4, Receiver.calls(receiver).size());
        assertTrue(target.lastError().contains("HTTP 503"), target.lastError());
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
}
