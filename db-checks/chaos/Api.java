import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The chaos check's calls: HTTP to the nodes (as the checks' user) and SQL to PostgreSQL through psql. */
final class Api {

    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern TOKEN = Pattern.compile("\"token\":\"([0-9a-f-]{36})\"");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The checks' user, which nodes.sh adds to every node it starts. */
    private static final String AUTHORIZATION =
            "Basic " + Base64.getEncoder().encodeToString("checks:checks".getBytes(StandardCharsets.UTF_8));

    /** An answer: its status (0 when the node did not answer), body and how long it took. */
    record Answer(int status, String body, long millis) {
        boolean ok() {
            return status / 100 == 2;
        }

        List<String> all(Pattern pattern) {
            List<String> found = new ArrayList<>();
            Matcher matcher = pattern.matcher(body);
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
            return found;
        }
    }

    private Api() {}

    static Answer post(String url, String json) {
        return send("POST", url, json, "application/json", null);
    }

    static Answer get(String url) {
        return send("GET", url, null, null, null);
    }

    /** A fulfill: the value in the body, the token in its header. */
    static Answer fulfill(String api, String id, String token, String json) {
        return send("PUT", api + "/jobs/" + id + "/result", json, "application/json", token);
    }

    static Answer send(String method, String url, String body, String contentType, String leaseToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(40))
                .header("Authorization", AUTHORIZATION)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (leaseToken != null) {
            request.header("Lease-Token", leaseToken);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new Answer(0, String.valueOf(e), (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", 0);
        }
    }

    /** Runs {@code sql} with psql on {@code database}; answers its rows, columns split on '|'. */
    static List<String[]> sql(String database, String sql) {
        try {
            Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-At", "-c", sql)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (psql.waitFor() != 0) {
                throw new IllegalStateException("psql failed on: " + sql);
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    rows.add(line.split("\\|", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The single number {@code sql} answers. */
    static long number(String database, String sql) {
        return Long.parseLong(sql(database, sql).get(0)[0]);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
