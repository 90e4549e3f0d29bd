package dev.jobstore.client;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's HTTP calls: JSON in, JSON (or bytes) out, credentials on each request. A
 * retryable call answered 503 (the server lost its database, or is starting) is sent again after
 * its {@code Retry-After}, until {@code retryFor} has passed.
 */
final class Http {

    private final HttpClient client;
    private final URI base;
    private final String authorization;
    private final Duration retryFor;
    private final AtomicLong retried = new AtomicLong();

    Http(HttpClient client, URI base, String authorization, Duration retryFor) {
        this.client = client;
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.authorization = authorization;
        this.retryFor = retryFor;
    }

    /**
     * An answer: status, content type and body, and whether a 503 came first. A 503 may be
     * answered after the commit (the server lost its database while committing), so an answer
     * after one may describe what the earlier attempt already did.
     */
    record Reply(int status, String contentType, byte[] body, boolean afterUnavailable) {

        JsonObject object() {
            return (JsonObject) json();
        }

        JsonArray array() {
            return (JsonArray) json();
        }

        private JsonStructure json() {
            try (JsonReader reader = Jsonp.PROVIDER.createReader(new ByteArrayInputStream(body))) {
                return reader.read();
            }
        }

        /** The problem this answer carries, as an exception. */
        JobstoreException problem() {
            if (contentType != null && contentType.startsWith("application/problem+json")) {
                JsonObject problem = object();
                return new JobstoreException(
                        status, problem.getString("type", "unknown"), problem.getString("detail", null));
            }
            return new JobstoreException(status, "unknown", new String(body, StandardCharsets.UTF_8));
        }

        /** This answer if its status is {@code expected}, otherwise its problem thrown. */
        Reply expect(int... expected) {
            for (int each : expected) {
                if (status == each) {
                    return this;
                }
            }
            throw problem();
        }
    }

    /** How many 503 answers were retried so far (for the checks). */
    long retried() {
        return retried.get();
    }

    /** Sends a request; {@code headers} are extra name, value pairs. */
    Reply send(String method, String path, JsonStructure body, boolean retryable, String... headers)
            throws IOException, InterruptedException {
        Instant giveUpAt = Instant.now().plus(retryFor);
        boolean afterUnavailable = false;
        while (true) {
            HttpResponse<byte[]> response =
                    client.send(request(method, path, body, headers), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 503 || !retryable || Instant.now().isAfter(giveUpAt)) {
                return reply(response, afterUnavailable);
            }
            afterUnavailable = true;
            retried.incrementAndGet();
            Thread.sleep(retryAfter(response).toMillis());
        }
    }

    /** Like {@link #send} without holding a thread: for long waits. Not retried. */
    CompletableFuture<Reply> sendAsync(String method, String path) {
        return client.sendAsync(request(method, path, null), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> reply(response, false));
    }

    private HttpRequest request(String method, String path, JsonStructure body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "*/*");
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private static Reply reply(HttpResponse<byte[]> response, boolean afterUnavailable) {
        return new Reply(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.body(),
                afterUnavailable);
    }

    /** The answer's Retry-After in seconds (between 0.1 and 30 s), or one second. */
    private static Duration retryAfter(HttpResponse<?> response) {
        long seconds = response.headers()
                .firstValue("Retry-After")
                .map(value -> {
                    try {
                        return Long.parseLong(value.strip());
                    } catch (NumberFormatException e) {
                        return 1L;
                    }
                })
                .orElse(1L);
        return Duration.ofMillis(Math.max(100, TimeUnit.SECONDS.toMillis(Math.min(seconds, 30))));
    }
}
