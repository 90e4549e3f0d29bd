package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Await;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.it.support.ExportedSpan;
import dev.jobstore.it.support.OtlpReceiver;
import dev.jobstore.it.support.Receiver;
import dev.jobstore.job.JobStatus;
import dev.jobstore.store.JobStore;
import dev.jobstore.worker.WorkerOptions;
import dev.jobstore.worker.WorkerPool;
import dev.jobstore.worker.WorkerPools;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tracing, with the test server's tracing on and its spans exported to {@link OtlpReceiver}: a job
 * keeps the trace context of its creation, and the spans of its handler and its webhook join the
 * producer's trace (as children of the create span, with a link to it).
 */
@ExtendWith(ArquillianExtension.class)
class TracingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(TracingIT.class);
    }

    @Inject
    WorkerPools pools;

    @Inject
    JobStore store;

    private final Api api = new Api();
    private final String queue = "traced-" + UUID.randomUUID();
    private final Random random = new Random();
    /** The producer's own span, sent as the create request's traceparent. */
    private final String traceId = hex(16);

    private final String producerSpanId = hex(8);

    @Test
    void a_job_created_over_http_keeps_the_create_span_of_the_producers_trace() {
        // Pulls are asynchronous requests; each once left its server span current on the thread that
        // took it, and a later request on that thread joined that trace (FreshTraceContext).
        for (int i = 0; i < 16; i++) {
            assertEquals(
                    200,
                    api.post("queues/" + queue + "-empty/leases", "{\"worker\":\"w\"}")
                            .status());
        }
        String id = createOverHttp();
        String stored = api.get("jobs/" + id).object().getString("traceparent");
        assertTrue(stored.startsWith("00-" + traceId + "-"), stored);

        ExportedSpan create = span(s -> s.spanId().equals(spanId(stored)));
        assertEquals("create " + queue, create.name());
        assertEquals(ExportedSpan.PRODUCER, create.kind());
        assertEquals(traceId, create.traceId());
        assertEquals("jobstore", create.attributes().get("messaging.system"));
        assertEquals(queue, create.attributes().get("messaging.destination.name"));
        assertEquals(id, create.attributes().get("messaging.message.id"));
        assertEquals("create", create.attributes().get("messaging.operation.type"));
        // the create span is a child of the request's server span, itself a child of the producer's span
        ExportedSpan server = span(s -> s.spanId().equals(create.parentSpanId()));
        assertEquals(ExportedSpan.SERVER, server.kind());
        assertEquals(producerSpanId, server.parentSpanId());
    }

    @Test
    void an_in_process_handler_runs_in_the_producers_trace_linked_to_the_create_span() {
        AtomicReference<SpanContext> handlerSpan = new AtomicReference<>();
        WorkerPool pool =
                pools.processJobs(queue, WorkerOptions.defaults().withPollWait(Duration.ofSeconds(2)), lease -> {
                    handlerSpan.set(Span.current().getSpanContext());
                    return Json.createValue("done");
                });
        try {
            String id = createOverHttp();
            String createSpanId = spanId(api.get("jobs/" + id).object().getString("traceparent"));
            Await.until(
                    "the job to be fulfilled",
                    PATIENCE,
                    () -> store.get(UUID.fromString(id)).status(),
                    JobStatus.FULFILLED::equals);

            assertEquals(traceId, handlerSpan.get().getTraceId(), "the handler runs in the producer's trace");
            ExportedSpan process = span(s -> s.spanId().equals(handlerSpan.get().getSpanId()));
            assertEquals("process " + queue, process.name());
            assertEquals(ExportedSpan.CONSUMER, process.kind());
            assertEquals(createSpanId, process.parentSpanId());
            assertEquals(List.of(traceId + "-" + createSpanId), process.links());
            assertEquals(id, process.attributes().get("messaging.message.id"));
            assertEquals("1", process.attributes().get("jobstore.attempt"));

            ExportedSpan claim =
                    span(s -> s.name().equals("claim " + queue) && s.links().contains(traceId + "-" + createSpanId));
            assertEquals("1", claim.attributes().get("messaging.batch.message_count"));
            assertTrue(claim.attributes().get("messaging.client.id").startsWith("pool-" + queue), claim.toString());
            // the pool's group commit fulfills off the handler's thread, in a span of its own
            ExportedSpan fulfill = span(s -> s.name().equals("fulfill " + queue));
            assertEquals(queue, fulfill.attributes().get("messaging.destination.name"));
        } finally {
            pool.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void a_webhook_attempt_joins_the_producers_trace_and_passes_it_on_to_the_receiver() {
        String receiver = "traced-" + UUID.randomUUID();
        String id = createOverHttp();
        String createSpanId = spanId(api.get("jobs/" + id).object().getString("traceparent"));
        Api.Reply queued = api.post(
                "jobs/" + id + "/targets",
                Json.createObjectBuilder()
                        .add("url", Receiver.url(receiver))
                        .build()
                        .toString());
        assertTrue(queued.status() / 100 == 2, queued.toString());
        JsonObject leased = api.post("queues/" + queue + "/leases", "{\"worker\":\"w\"}")
                .array()
                .getJsonObject(0);
        assertEquals(
                200,
                api.send(
                                "PUT",
                                "jobs/" + id + "/result",
                                "text/plain",
                                "done".getBytes(StandardCharsets.UTF_8),
                                "Lease-Token",
                                leased.getJsonObject("lease").getString("token"))
                        .status());

        Receiver.Call call = Await.until(
                        "the webhook call", PATIENCE, () -> Receiver.calls(receiver), calls -> !calls.isEmpty())
                .get(0);
        assertNotNull(call.traceparent(), "the receiver is told the attempt's span");
        assertTrue(call.traceparent().startsWith("00-" + traceId + "-"), call.traceparent());
        ExportedSpan webhook = span(s -> s.spanId().equals(spanId(call.traceparent())));
        assertEquals("webhook " + queue, webhook.name());
        assertEquals(ExportedSpan.CLIENT, webhook.kind());
        assertEquals(createSpanId, webhook.parentSpanId());
        assertEquals(List.of(traceId + "-" + createSpanId), webhook.links());
        assertEquals("1", webhook.attributes().get("jobstore.webhook.attempt"));
        assertEquals(id, webhook.attributes().get("messaging.message.id"));

        ExportedSpan fulfill = span(s -> s.name().equals("fulfill " + queue));
        assertEquals(id, fulfill.attributes().get("messaging.message.id"));
    }

    /** Creates a job over HTTP as the producer's span; answers its id. */
    private String createOverHttp() {
        Api.Reply created = api.send(
                "POST",
                "queues/" + queue + "/jobs",
                "application/json",
                "{\"payload\":1}".getBytes(StandardCharsets.UTF_8),
                "traceparent",
                "00-" + traceId + "-" + producerSpanId + "-01");
        assertEquals(201, created.status(), created.toString());
        return created.object().getString("id");
    }

    private static ExportedSpan span(Predicate<ExportedSpan> which) {
        return Await.until("the span to be exported", PATIENCE, () -> OtlpReceiver.spans(which), s -> !s.isEmpty())
                .get(0);
    }

    /** The span id of a version 00 traceparent. */
    private static String spanId(String traceparent) {
        return traceparent.split("-")[2];
    }

    private String hex(int bytes) {
        byte[] id = new byte[bytes];
        random.nextBytes(id);
        id[0] |= 1; // never all zeros, which is invalid
        return HexFormat.of().formatHex(id);
    }
}
