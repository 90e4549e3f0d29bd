package dev.jobstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few HTTP calls the harness makes, with just enough JSON picking for its answers. */
final class Http {

    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    /** The first group of {@code pattern}'s first match in {@code json}. */
    static String first(Pattern pattern, String json) {
        Matcher found = pattern.matcher(json);
        if (!found.find()) {
            throw new IllegalStateException(pattern + " not in " + json);
        }
        return found.group(1);
    }

    static final Pattern TOKEN = Pattern.compile("\"token\":\"([0-9a-f-]{36})\"");

    /** The harness's user, which {@link Server} adds to its server. */
    static final String USER = "bench";

    private static final Pattern SECRET = Pattern.compile("\"secret\":\"([^\"]+)\"");

    /** HTTP Basic as {@link #USER} until {@link #useToken()}. */
    private volatile String authorization =
            "Basic " + Base64.getEncoder().encodeToString((USER + ":" + USER).getBytes(StandardCharsets.UTF_8));

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    String post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    /** A batch create that asks for ids only (Prefer: return=minimal), as a producer of large batches would. */
    void postBatch(String path, String json) {
        send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Prefer", "return=minimal"));
    }

    String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Fulfills a leased job with JSON null. */
    void fulfill(String id, String token) {
        send(HttpRequest.newBuilder(URI.create(base + "/jobstore/api/jobs/" + id + "/result"))
                .PUT(HttpRequest.BodyPublishers.ofString("null"))
                .header("Content-Type", "application/json")
                .header("Lease-Token", token));
    }

    /** From now on, calls carry an API token (issued now) instead of Basic credentials. */
    void useToken() {
        Matcher secret = SECRET.matcher(post("/jobstore/api/tokens", "{\"name\":\"bench\",\"roles\":[\"admin\"]}"));
        if (!secret.find()) {
            throw new IllegalStateException("no secret in the token's answer");
        }
        authorization = "Bearer " + secret.group(1);
    }

    boolean isUp() {
        try {
            return client.send(
                                    HttpRequest.newBuilder(URI.create(base + "/jobstore/api/queues"))
                                            .header("Authorization", authorization)
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(
                    request.header("Authorization", authorization)
                            .timeout(Duration.ofSeconds(120))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        response.statusCode() + " from " + response.uri() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
