package dev.jobstore.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 503 answers (the server lost its database) are retried after their Retry-After, except where a
 * retry could create a job twice. A loopback HTTP server answers 503 twice, then the job.
 */
class RetryTest {

    private static final UUID ID = UUID.randomUUID();

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private JobstoreClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/queues/q/jobs", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean unavailable = requests.incrementAndGet() <= 2;
            byte[] body = (unavailable
                            ? "{\"type\":\"database-unavailable\",\"status\":503,\"detail\":\"retry shortly\"}"
                            : "{\"id\":\"" + ID + "\",\"status\":\"PENDING\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add("Content-Type", unavailable ? "application/problem+json" : "application/json");
            if (unavailable) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            exchange.sendResponseHeaders(unavailable ? 503 : 201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = JobstoreClient.builder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api"))
                .bearerToken("jst_test")
                .build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_create_with_a_key_is_retried_until_it_is_answered() throws Exception {
        CreatedJob created = client.create("q", NewJob.of(Json.createValue(1)).withKey("once"));

        assertEquals(ID, created.id());
        assertTrue(created.isNew());
        assertEquals(3, requests.get());
        assertEquals(2, client.retriedUnavailable());
    }

    @Test
    void a_create_without_a_key_is_not_retried_since_the_first_may_have_been_stored() {
        JobstoreException refused =
                assertThrows(JobstoreException.class, () -> client.create("q", NewJob.of(Json.createValue(1))));

        assertEquals(503, refused.status());
        assertEquals("database-unavailable", refused.type());
        assertEquals(1, requests.get());
    }
}
