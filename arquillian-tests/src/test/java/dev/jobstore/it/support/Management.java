package dev.jobstore.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test server's management interface, as a probe or a Prometheus scraper sees it: no
 * credentials, plain HTTP.
 */
public final class Management {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)} (\\S+)$");

    private Management() {}

    /** The status code and body of a GET on the management interface. */
    public static HttpResponse<String> get(String path) {
        URI uri = URI.create("http://127.0.0.1:" + System.getProperty("jobstore.test.management-port", "10090") + path);
        try {
            return CLIENT.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value of the sample {@code name} whose labels include every one of {@code labels}, in
     * the server's Prometheus text now; empty when there is none.
     */
    public static OptionalDouble sample(String name, Map<String, String> labels) {
        for (String line : get("/metrics").body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()
                    && sample.group(1).equals(name)
                    && labels.entrySet().stream()
                            .allMatch(label ->
                                    sample.group(2).contains(label.getKey() + "=\"" + label.getValue() + "\""))) {
                return OptionalDouble.of(Double.parseDouble(sample.group(3)));
            }
        }
        return OptionalDouble.empty();
    }
}
