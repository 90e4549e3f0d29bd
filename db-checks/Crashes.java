import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL restarted under load, against one node (started by crashes.sh): producers create
 * jobs and workers lease and fulfill them while the database restarts. Afterwards every create
 * that got a 2xx must still be there, no call may have got a 500 nor a 404 (every job it
 * touches exists: a lost connection must not read as a missing row), and the load must recover.
 * Args: the API base URL, then the command that restarts PostgreSQL.
 */
public class Crashes {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The checks' user, which nodes.sh adds to every node it starts. */
    static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder().encodeToString("checks:checks".getBytes());
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern TOKEN = Pattern.compile("\"token\":\"([0-9a-f-]{36})\"");

    static final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    static final ConcurrentMap<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    static final AtomicInteger internalErrors = new AtomicInteger();
    static final AtomicInteger notFound = new AtomicInteger();
    static final AtomicInteger fulfilled = new AtomicInteger();
    static final AtomicBoolean stop = new AtomicBoolean();

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String queue = "pgload-" + System.nanoTime();
        List<Thread> threads = List.of(new Thread(() -> produce(api, queue)), new Thread(() -> produce(api, queue)),
                new Thread(() -> work(api, queue)), new Thread(() -> work(api, queue)));
        threads.forEach(Thread::start);
        Thread.sleep(3000);
        int before = acknowledged.size();
        Process restart = new ProcessBuilder(List.of(args).subList(1, args.length)).inheritIO().start();
        System.out.println("restarting PostgreSQL: exit " + restart.waitFor());
        int during = acknowledged.size();
        Thread.sleep(15_000); // load goes on after the database is back
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        int lost = 0;
        for (String id : acknowledged) {
            if (send("GET", api + "/jobs/" + id, null, null).statusCode() != 200) {
                lost++;
            }
        }
        int createdAfter = acknowledged.size() - during;
        int errors = internalErrors.get() + notFound.get();
        System.out.printf("PostgreSQL restart under load: %d creates acknowledged (%d before the restart, %d after it),"
                        + " %d fulfilled, %d lost; statuses seen %s%n",
                acknowledged.size(), before, createdAfter, fulfilled.get(), lost, statuses);
        boolean ok = lost == 0 && errors == 0 && createdAfter > 0;
        System.out.println(ok ? "pg-restart: 1 passed, 0 failed" : "pg-restart: 0 passed, 1 failed");
        System.exit(ok ? 0 : 1);
    }

    static void produce(String api, String queue) {
        int n = 0;
        while (!stop.get()) {
            HttpResponse<String> created = send("POST", api + "/queues/" + queue + "/jobs", "{\"payload\":" + n++ + "}", null);
            count("create", created);
            if (created != null && created.statusCode() / 100 == 2) {
                Matcher id = ID.matcher(created.body());
                if (id.find()) {
                    acknowledged.add(id.group(1));
                }
            } else {
                pause();
            }
        }
    }

    static void work(String api, String queue) {
        while (!stop.get()) {
            HttpResponse<String> leased = send("POST", api + "/queues/" + queue + "/leases",
                    "{\"worker\":\"w\",\"max\":10,\"lease\":\"PT30S\",\"wait\":\"PT1S\"}", null);
            count("lease", leased);
            if (leased == null || leased.statusCode() != 200) {
                pause();
                continue;
            }
            Matcher id = ID.matcher(leased.body());
            Matcher token = TOKEN.matcher(leased.body());
            while (id.find() && token.find()) {
                HttpResponse<String> done = send("PUT", api + "/jobs/" + id.group(1) + "/result", "ok", token.group(1));
                count("fulfill", done);
                if (done != null && done.statusCode() == 200) {
                    fulfilled.incrementAndGet();
                }
            }
        }
    }

    static void count(String call, HttpResponse<String> response) {
        String key = call + " " + (response == null ? "no-connection" : response.statusCode());
        if (statuses.computeIfAbsent(key, s -> new AtomicInteger()).incrementAndGet() == 1 && isUnexpected(response)) {
            System.out.println("  first " + key + " at " + java.time.LocalTime.now() + ": " + response.body());
        }
        if (response != null && response.statusCode() >= 500 && response.statusCode() != 503) {
            internalErrors.incrementAndGet();
        }
        if (response != null && response.statusCode() == 404) {
            notFound.incrementAndGet();
        }
    }

    /** Anything but success or 503 is worth a look: print its problem body once. */
    static boolean isUnexpected(HttpResponse<String> response) {
        return response != null && response.statusCode() / 100 != 2 && response.statusCode() != 503;
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The response, or null when the connection itself failed. */
    static HttpResponse<String> send(String method, String url, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", AUTHORIZATION)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", token == null ? "application/json" : "text/plain");
        }
        if (token != null) {
            request.header("Lease-Token", token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }
}
