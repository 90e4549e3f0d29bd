package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.control.JobControl;
import dev.jobstore.event.NotificationCompromised;
import dev.jobstore.it.events.RecordedEvents;
import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Api.Reply;
import dev.jobstore.it.support.AsWorker;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.job.NewJob;
import dev.jobstore.job.TargetState;
import dev.jobstore.job.TargetView;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.notification.NotificationLease;
import dev.jobstore.notification.Notifications;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import dev.jobstore.wakeup.WorkWaiters;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Queued targets and notification leases. Notifiers pull from one channel for all jobs, so each
 * test leaves no pending target behind (its last step reports or unqueues them all).
 */
@ExtendWith(ArquillianExtension.class)
class NotificationsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(NotificationsIT.class);
    }

    @Inject
    JobStore store;

    @Inject
    Notifications notifications;

    @Inject
    AsWorker asWorker;

    @Inject
    RecordedEvents events;

    @Inject
    WorkWaiters waiters;

    @Inject
    JobControl control;

    private final Api api = new Api();
    private final String queue = "notify-" + UUID.randomUUID();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private UUID createJob() {
        return store.create(queue, NewJob.of(Json.createValue("work"))).job().id();
    }

    private void fulfill(UUID id, byte[] value, String contentType) {
        JobLease lease = store.pullWork(queue, "worker").orElseThrow();
        assertEquals(id, lease.jobId());
        lease.fulfill(value, contentType);
    }

    private Reply queueTarget(UUID id, String json) {
        return api.post("jobs/" + id + "/targets", json);
    }

    private Reply pullNotification(String body) {
        return api.post("notifications/leases", body);
    }

    private Reply done(UUID id, String token, String deliveredArray) {
        return api.post(
                "notifications/" + id + "/done", "{\"token\":\"" + token + "\",\"delivered\":" + deliveredArray + "}");
    }

    private List<TargetState> states(UUID id) {
        return store.get(id).targets().stream().map(TargetView::state).toList();
    }

    @Test
    void targets_collapse_and_a_notifier_gets_them_once_the_job_is_fulfilled() {
        UUID id = createJob();
        assertEquals(201, queueTarget(id, "{\"email\":\"ada@example.com\"}").status());
        assertEquals(200, queueTarget(id, "{\"email\":\"ada@example.com\"}").status());
        assertEquals(201, queueTarget(id, "{\"b\":2,\"a\":1}").status());
        assertEquals(200, queueTarget(id, "{\"a\":1,\"b\":2}").status(), "member order made a new target");
        assertEquals(204, pullNotification("{\"worker\":\"n1\"}").status(), "a job not yet fulfilled was handed out");

        fulfill(id, "hello".getBytes(StandardCharsets.UTF_8), "text/plain");

        Reply pulled = pullNotification("{\"worker\":\"n1\",\"lease\":\"PT1M\"}");
        assertEquals(200, pulled.status(), pulled::toString);
        JsonObject notification = pulled.object();
        assertEquals(id.toString(), notification.getString("jobId"));
        assertEquals("text/plain", notification.getString("contentType"));
        assertEquals("text", notification.getString("encoding"));
        assertEquals("hello", notification.getString("value"));
        assertEquals(
                List.of(
                        Json.createObjectBuilder()
                                .add("email", "ada@example.com")
                                .build(),
                        Json.createObjectBuilder().add("a", 1).add("b", 2).build()),
                notification.getJsonArray("waiting"));
        String token = notification.getString("token");
        assertEquals(
                204, pullNotification("{\"worker\":\"n2\"}").status(), "a leased notification was handed out twice");

        assertEquals(204, done(id, token, "[{\"email\":\"ada@example.com\"}]").status());
        assertEquals(List.of(TargetState.DELIVERED, TargetState.PENDING), states(id));

        JsonObject again = pullNotification("{\"worker\":\"n2\"}").object();
        assertEquals(1, again.getJsonArray("waiting").size());
        assertEquals(
                204, done(id, again.getString("token"), "[{\"b\":2,\"a\":1}]").status());
        assertEquals(List.of(TargetState.DELIVERED, TargetState.DELIVERED), states(id));
        assertEquals(204, pullNotification("{\"worker\":\"n3\"}").status());
    }

    @Test
    void a_target_queued_on_a_fulfilled_job_wakes_a_waiting_notifier() throws Exception {
        UUID id = createJob();
        fulfill(id, "{\"answer\":42}".getBytes(StandardCharsets.UTF_8), "application/json");
        int waitingBefore = waiters.waiting(Notifications.CHANNEL);
        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(
                () -> pullNotification("{\"worker\":\"sleeper\",\"wait\":\"PT15S\"}"), threads);
        Await.until(
                "the notifier's pull to wait",
                PATIENCE,
                () -> waiters.waiting(Notifications.CHANNEL),
                count -> count > waitingBefore);

        queueTarget(id, "{\"sms\":\"+15550100\"}");
        Reply pulled = waiting.get(30, TimeUnit.SECONDS);

        assertEquals(200, pulled.status(), pulled::toString);
        JsonObject notification = pulled.object();
        assertEquals("json", notification.getString("encoding"));
        assertEquals(42, notification.getJsonObject("value").getInt("answer"));
        assertEquals(
                204,
                done(id, notification.getString("token"), "[{\"sms\":\"+15550100\"}]")
                        .status());
    }

    @Test
    void binary_values_travel_as_base64_and_intact_through_the_java_api() {
        UUID id = createJob();
        byte[] value = {0, 1, 2, (byte) 0xFF};
        fulfill(id, value, "application/octet-stream");
        notifications.queue(id, Json.createValue("archive"));

        JsonObject notification = pullNotification("{\"worker\":\"n\"}").object();
        assertEquals("base64", notification.getString("encoding"));
        assertEquals("AAEC/w==", notification.getString("value"));
        assertEquals(204, done(id, notification.getString("token"), "[]").status());

        NotificationLease lease =
                notifications.pullNotification("java-notifier").orElseThrow();
        assertArrayEquals(value, lease.notification().value());
        assertEquals(List.of(Json.createValue("archive")), lease.notification().waiting());
        lease.done(List.of(Json.createValue("archive")));
        assertEquals(List.of(TargetState.DELIVERED), states(id));
    }

    @Test
    void unqueue_removes_only_the_named_pending_targets() {
        UUID id = createJob();
        for (String target : List.of("\"a\"", "\"b\"", "\"c\"")) {
            assertEquals(201, queueTarget(id, target).status());
        }
        Reply removed = api.send(
                "DELETE",
                "jobs/" + id + "/targets",
                "application/json",
                "[\"a\",\"c\",\"never-queued\"]".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, removed.status(), removed::toString);
        assertEquals(2, removed.object().getInt("removed"));
        assertEquals(
                List.of(Json.createValue("b")),
                store.get(id).targets().stream().map(TargetView::target).toList());

        assertEquals(1, notifications.unqueue(id, Json.createValue("b")));
        assertEquals(List.of(), store.get(id).targets());
    }

    @Test
    void bad_targets_and_pulls_are_refused() {
        UUID id = createJob();
        String big = "\"" + "x".repeat(9000) + "\"";
        assertAll(
                () -> assertEquals(404, queueTarget(UUID.randomUUID(), "\"t\"").status()),
                () -> assertEquals(
                        "job-not-found",
                        queueTarget(UUID.randomUUID(), "\"t\"").object().getString("type")),
                () -> assertEquals(413, queueTarget(id, big).status()),
                () -> assertEquals(
                        400,
                        queueTarget(id, "{\"url\":\"http://example.com/hook\"}").status()),
                () -> assertTrue(queueTarget(id, "{\"url\":\"http://example.com/hook\"}")
                        .object()
                        .getString("detail")
                        .contains("jobstore.webhook.allowed-hosts")),
                () -> assertEquals(
                        400, queueTarget(id, "{\"url\":\"http://bad host/\"}").status()),
                () -> assertEquals(400, queueTarget(id, "{").status()),
                () -> assertEquals(
                        400, pullNotification("{\"worker\":\"n\",\"max\":2}").status()),
                () -> assertEquals(400, pullNotification("{\"lease\":\"PT1S\"}").status()),
                () -> assertEquals(
                        400,
                        api.post("notifications/" + id + "/done", "{\"delivered\":[]}")
                                .status()));
        assertEquals(409, done(id, "no-such-token", "[]").status(), "done without a notification lease");
        assertEquals(List.of(), store.get(id).targets(), "a refused target was queued");
    }

    @Test
    void two_notifiers_racing_get_one_notification_once() throws Exception {
        UUID id = createJob();
        fulfill(id, "v".getBytes(StandardCharsets.UTF_8), "text/plain");
        queueTarget(id, "\"once\"");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> pulls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String worker = "racer-" + i;
            pulls.add(threads.submit(() -> {
                start.await();
                return pullNotification("{\"worker\":\"" + worker + "\"}");
            }));
        }
        start.countDown();
        List<Reply> replies = new ArrayList<>();
        for (Future<Reply> pull : pulls) {
            replies.add(pull.get(60, TimeUnit.SECONDS));
        }
        List<Reply> granted =
                replies.stream().filter(reply -> reply.status() == 200).toList();
        assertEquals(
                1,
                granted.size(),
                () -> "statuses: " + replies.stream().map(Reply::status).toList());
        assertEquals(9, replies.stream().filter(reply -> reply.status() == 204).count());
        assertEquals(
                204,
                done(id, granted.get(0).object().getString("token"), "[\"once\"]")
                        .status());
    }

    @Test
    void an_expired_notification_lease_is_compromised_and_its_done_refused() throws Exception {
        UUID id = createJob();
        fulfill(id, "v".getBytes(StandardCharsets.UTF_8), "text/plain");
        JsonValue target = Json.createValue("slow-channel");
        notifications.queue(id, target);
        NotificationLease stale = notifications
                .pullNotification(PullRequest.of("slow").withLease(Duration.ofSeconds(1)))
                .orElseThrow();
        AtomicInteger callbacks = new AtomicInteger();
        CountDownLatch told = new CountDownLatch(1);
        stale.onCompromised(() -> {
            callbacks.incrementAndGet();
            told.countDown();
        });

        assertTrue(told.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "onCompromised did not run");
        List<NotificationCompromised> compromised = Await.until(
                "the compromised event",
                PATIENCE,
                () -> events.about(id, NotificationCompromised.class),
                list -> !list.isEmpty());
        assertEquals(stale.notification().token(), compromised.get(0).token());

        assertThrows(LeaseLostException.class, () -> stale.done(List.of(target)));
        Reply refused = done(id, stale.notification().token(), "[\"slow-channel\"]");
        assertEquals(409, refused.status());
        assertEquals("lease-lost", refused.object().getString("type"));
        assertEquals(List.of(TargetState.PENDING), states(id), "a refused done delivered the target");

        JsonObject next = pullNotification("{\"worker\":\"fast\"}").object();
        assertEquals(id.toString(), next.getString("jobId"));
        assertEquals(
                204, done(id, next.getString("token"), "[\"slow-channel\"]").status());
        assertEquals(1, callbacks.get());
        assertEquals(1, events.about(id, NotificationCompromised.class).size());
    }

    @Test
    void eight_notifiers_pulling_at_once_over_eight_notifications_each_get_one() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UUID id = createJob();
            fulfill(id, new byte[] {(byte) i}, "application/octet-stream");
            notifications.queue(id, Json.createValue("channel"));
            ids.add(id);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<NotificationLease>>> pulls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String worker = "notifier-" + i;
            pulls.add(threads.submit(() -> {
                start.await();
                return asWorker.call(() -> notifications.pullNotification(worker)); // a plain thread has no identity
            }));
        }
        start.countDown();
        Set<UUID> got = new HashSet<>();
        for (Future<Optional<NotificationLease>> pull : pulls) {
            got.add(pull.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)
                    .orElseThrow(() -> new AssertionError("a notifier got nothing while notifications waited"))
                    .notification()
                    .jobId());
        }
        assertEquals(Set.copyOf(ids), got);
    }

    @Test
    void removing_a_job_compromises_its_notifier() throws Exception {
        UUID id = createJob();
        fulfill(id, "v".getBytes(StandardCharsets.UTF_8), "text/plain");
        notifications.queue(id, Json.createValue("channel"));
        NotificationLease held = notifications.pullNotification("notifier").orElseThrow();
        CountDownLatch told = new CountDownLatch(1);
        held.onCompromised(told::countDown);

        control.remove(id, false);

        assertTrue(told.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "onCompromised did not run");
        assertEquals(
                List.of("removed"),
                events.about(id, NotificationCompromised.class).stream()
                        .map(NotificationCompromised::reason)
                        .toList());
    }
}
