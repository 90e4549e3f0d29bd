package dev.jobstore.bench;

import dev.jobstore.client.JobstoreClient;
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

    /** The harness's user, which {@link Server} adds to its server. */
    static final String USER = "bench";

    private static final Pattern SECRET = Pattern.compile("\"secret\":\"([^\"]+)\"");

    /** HTTP Basic as {@link #USER} until {@link #useToken()}. */
    private volatile String authorization =
            "Basic " + Base64.getEncoder().encodeToString((USER + ":" + USER).getBytes(StandardCharsets.UTF_8));

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private volatile JobstoreClient client;

    Http(String base) {
        this.base = base;
        client = JobstoreClient.builder(URI.create(base + JobstoreWorkloads.API))
                .basicAuth(USER, USER)
                .build();
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

    /** From now on, calls carry an API token (issued now) instead of Basic credentials. */
    void useToken() {
        Matcher secret = SECRET.matcher(post("/jobstore/api/tokens", "{\"name\":\"bench\",\"roles\":[\"admin\"]}"));
        if (!secret.find()) {
            throw new IllegalStateException("no secret in the token's answer");
        }
        authorization = "Bearer " + secret.group(1);
        client = JobstoreClient.builder(URI.create(base + JobstoreWorkloads.API))
                .bearerToken(secret.group(1))
                .build();
    }

    /** The Java client, authenticated as this harness is now: our remote workloads run through it. */
    JobstoreClient client() {
        return client;
    }

    boolean isUp() {
        try {
            return http.send(
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
            HttpResponse<String> response = http.send(
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
