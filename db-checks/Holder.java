import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A worker process that leases one job for 2 s, says so ("LEASED id token"), then, once told
 * "go" on its standard input (after being stopped and continued), tries every holder call
 * with its old token and prints each HTTP status.
 */
public class Holder {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The checks' user, which nodes.sh adds to every node it starts. */
    static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder().encodeToString("checks:checks".getBytes());

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String queue = "held-" + System.nanoTime();
        String id = find(post(api + "/queues/" + queue + "/jobs", "{\"payload\":\"x\"}", null), "\"id\":\"([^\"]+)\"");
        String leased = post(api + "/queues/" + queue + "/leases", "{\"worker\":\"stopped\",\"lease\":\"PT2S\"}", null);
        String token = find(leased, "\"token\":\"([^\"]+)\"");
        System.out.println("LEASED " + id + " " + token);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine(); // "go"
        String job = api + "/jobs/" + id;
        System.out.println("heartbeat " + status("PUT", job + "/lease", "{\"token\":\"" + token + "\"}", null));
        System.out.println("progress " + status("POST", job + "/progress", "{\"token\":\"" + token + "\",\"completed\":1,\"total\":2}", null));
        System.out.println("fulfill " + status("PUT", job + "/result", "stale", token));
        System.out.println("failure " + status("POST", job + "/failure", "{\"token\":\"" + token + "\",\"error\":\"e\"}", null));
        System.out.println("release " + status("DELETE", job + "/lease?token=" + token, null, null));
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return m.group(1);
    }

    static String post(String url, String json, String token) throws Exception {
        return send("POST", url, json, token).body();
    }

    static int status(String method, String url, String body, String token) throws Exception {
        return send(method, url, body, token).statusCode();
    }

    static HttpResponse<String> send(String method, String url, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", AUTHORIZATION)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", token == null ? "application/json" : "text/plain");
        }
        if (token != null) {
            request.header("Lease-Token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
