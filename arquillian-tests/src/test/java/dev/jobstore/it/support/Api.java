package dev.jobstore.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A plain HTTP client for the API, so tests see exactly what any worker on the wire sees. {@code
 * new Api()} calls as the test server's admin; {@link #as}, {@link #bearer} and {@link
 * #anonymous} call as someone else.
 */
public final class Api {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String authorization; // null: no Authorization header

    public Api() {
        this(basic("admin", "admin"));
    }

    private Api(String authorization) {
        this.authorization = authorization;
    }

    /** Calls as a user of the server's realm (a test user's password is its name). */
    public static Api as(String user) {
        return as(user, user);
    }

    public static Api as(String user, String password) {
        return new Api(basic(user, password));
    }

    /** Calls with an API token. */
    public static Api bearer(String secret) {
        return new Api("Bearer " + secret);
    }

    /** Calls without credentials. */
    public static Api anonymous() {
        return new Api(null);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private final URI base =
            URI.create("http://127.0.0.1:" + System.getProperty("jobstore.test.http-port", "8180") + "/jobstore/api/");

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply post(String path, String json) {
        return send("POST", path, "application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    public Reply put(String path, String json) {
        return send("PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Any request; {@code headers} are name/value pairs. */
    public Reply send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(90))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Preference-Applied").orElse(null),
                    response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, the headers tests look at, and the body. */
    public record Reply(
            int status,
            String contentType,
            String location,
            String preferenceApplied,
            byte[] body,
            HttpHeaders headers) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonObject object() {
            return (JsonObject) json();
        }

        public JsonArray array() {
            return (JsonArray) json();
        }

        private JsonStructure json() {
            try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
                return reader.read();
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + text();
        }
    }
}
