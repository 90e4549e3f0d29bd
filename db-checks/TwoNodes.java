import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks run against two nodes sharing one PostgreSQL database (started by chaos.sh):
 * 1. a job created on node A wakes a long poll waiting on node B (the nodes recheck the
 *    database only every 30 s, so only LISTEN/NOTIFY can deliver it sooner): latency p50/max;
 * 2. 1000 leases expiring together while both nodes sweep: each is reclaimed exactly once.
 * Prints what it counted and exits non-zero when a check fails.
 */
public class TwoNodes {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The checks' user, which nodes.sh adds to every node it starts. */
    static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder().encodeToString("checks:checks".getBytes());
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String a = args[0];
        String b = args[1];
        boolean ok = wakeUpAcrossNodes(a, b) & sweepsAcrossNodes(a, b);
        System.out.println(ok ? "two-nodes: 2 passed, 0 failed" : "two-nodes: checks failed");
        System.exit(ok ? 0 : 1);
    }

    static boolean wakeUpAcrossNodes(String a, String b) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String queue = "wake-" + i + "-" + System.nanoTime();
            CompletableFuture<String> waiting = CompletableFuture.supplyAsync(
                    () -> post(b + "/queues/" + queue + "/leases", "{\"worker\":\"b\",\"wait\":\"PT20S\"}"));
            Thread.sleep(300); // let node B's pull find nothing and wait
            long start = System.nanoTime();
            post(a + "/queues/" + queue + "/jobs", "{\"payload\":" + i + "}");
            long created = System.nanoTime();
            String leased = waiting.get();
            long took = (System.nanoTime() - created) / 1_000_000; // from the create's answer, as a producer sees it
            if (created - start > 1_000_000_000L) {
                System.out.printf("wake-up %d: the create itself took %d ms%n", i, (created - start) / 1_000_000);
            }
            if (!leased.contains("\"token\"")) {
                System.out.println("wake-up " + i + ": node B got nothing: " + leased);
                return false;
            }
            millis.add(took);
        }
        Collections.sort(millis);
        long p50 = millis.get(millis.size() / 2);
        long max = millis.get(millis.size() - 1);
        System.out.printf("cross-node wake-up (create on A -> lease on B), 20 runs: p50 %d ms, max %d ms%n", p50, max);
        return max < 5000;
    }

    static boolean sweepsAcrossNodes(String a, String b) throws Exception {
        String queue = "sweep-" + System.nanoTime();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"payload\":").append(i).append('}');
        }
        batch.append(']');
        post(a + "/queues/" + queue + "/jobs/batch", batch.toString());
        post(b + "/queues/" + queue + "/jobs/batch", batch.toString());
        // The leases must outlast the leasing itself, so that all 1000 are held before any expires.
        int leased = 0;
        for (int round = 0; round < 10; round++) {
            String node = round % 2 == 0 ? a : b;
            leased += count(post(node + "/queues/" + queue + "/leases", "{\"worker\":\"w\",\"max\":100,\"lease\":\"PT10S\"}"));
        }
        int running = countStatus(a, queue, "RUNNING");
        long deadline = System.currentTimeMillis() + 60_000;
        int pending;
        do {
            Thread.sleep(500);
            pending = countStatus(a, queue, "PENDING");
        } while (pending < 1000 && System.currentTimeMillis() < deadline);
        int releasedOnce = 0;
        int other = 0;
        String after = "";
        do {
            String page = get(a + "/jobs?queue=" + queue + "&limit=500" + after);
            Matcher releases = Pattern.compile("\"releases\":(\\d+)").matcher(page);
            while (releases.find()) {
                if (releases.group(1).equals("1")) {
                    releasedOnce++;
                } else {
                    other++;
                }
            }
            Matcher next = Pattern.compile("\"next\":\"([0-9a-f-]{36})\"").matcher(page);
            after = next.find() ? "&after=" + next.group(1) : null;
        } while (after != null);
        System.out.printf("sweeps on both nodes: %d leased (%d RUNNING at once), %d back to PENDING, %d with releases=1,"
                + " %d with another count%n", leased, running, pending, releasedOnce, other);
        return leased == 1000 && running == 1000 && pending == 1000 && releasedOnce == 1000 && other == 0;
    }

    static int countStatus(String node, String queue, String status) {
        String queues = get(node + "/queues");
        Matcher m = Pattern.compile("\"queue\":\"" + queue + "\".*?\"" + status + "\":(\\d+)").matcher(queues);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static int count(String json) {
        Matcher m = ID.matcher(json);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static String post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static String get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static String send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.header("Authorization", AUTHORIZATION).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
