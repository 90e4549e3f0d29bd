import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 5,000 jobs on two nodes (started by two-nodes.sh with the load EAR): 4 in-process workers per
 * node (LoadHandler) and 4 remote HTTP workers here, two per node. Before the kill, the remote
 * workers hold every 20th job past its lease and then try to fulfill it: each such stale write
 * must be refused. When 30% are done, node B is killed (kill -9) while its workers hold leases:
 * those jobs must reach node A once the leases expire, each taken back (released) at least once. In the end
 * every job is FULFILLED exactly once, with the value its final holder wrote.
 * Args: node A's API, node B's API, then the command that kills node B.
 */
public class LoadCheck {

    static final int JOBS = 5000;
    static final String QUEUE = "load";
    static final String DEAD_NODE = "@node-b";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The checks' user, which nodes.sh adds to every node it starts. */
    static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder().encodeToString("checks:checks".getBytes());
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern TOKEN = Pattern.compile("\"token\":\"([0-9a-f-]{36})\"");
    static final Pattern RELEASES = Pattern.compile("\"releases\":(\\d+)");
    static final Pattern OWNER = Pattern.compile("\"owner\":\"([^\"]+)\"");

    static final Set<String> created = ConcurrentHashMap.newKeySet();
    /** Job id to the tokens a remote worker fulfilled it with (a 200); more than one is a duplicate. */
    static final Map<String, List<String>> remoteFulfills = new ConcurrentHashMap<>();
    static final AtomicInteger staleRefused = new AtomicInteger();
    static final AtomicInteger staleAccepted = new AtomicInteger();
    static final AtomicBoolean nodeBKilled = new AtomicBoolean();
    static final AtomicBoolean done = new AtomicBoolean();

    public static void main(String[] args) throws Exception {
        String a = args[0];
        String b = args[1];
        List<String> kill = List.of(args).subList(2, args.length);
        long start = System.nanoTime();
        for (int batch = 0; batch < JOBS / 500; batch++) {
            create(batch % 2 == 0 ? a : b, batch * 500);
        }
        List<Thread> remotes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = "remote-" + i;
            String home = i < 2 ? a : b;
            Thread remote = new Thread(() -> remoteWorker(name, home, a));
            remote.start();
            remotes.add(remote);
        }
        awaitFulfilled(a, JOBS * 3 / 10, 60);
        Process killed = new ProcessBuilder(kill).inheritIO().start();
        killed.waitFor();
        nodeBKilled.set(true);
        pause(500); // the database settles what node B had in flight (a commit it already received)
        Set<String> heldByDeadNode = runningJobsOwnedBy(a, DEAD_NODE);
        int fulfilled = awaitFulfilled(a, JOBS, 120);
        double seconds = (System.nanoTime() - start) / 1e9;
        done.set(true);
        for (Thread remote : remotes) {
            remote.join();
        }
        System.out.printf("load: %d jobs through two nodes in %.1f s; node B killed holding %d leases%n",
                JOBS, seconds, heldByDeadNode.size());
        System.exit(verify(a, fulfilled, heldByDeadNode) ? 0 : 1);
    }

    static void create(String api, int first) {
        StringBuilder batch = new StringBuilder("[");
        for (int i = first; i < first + 500; i++) {
            batch.append(i == first ? "" : ",").append("{\"payload\":").append(i).append(",\"maxAttempts\":10}");
        }
        HttpResponse<String> response = send("POST", api + "/queues/" + QUEUE + "/jobs/batch", batch.append(']').toString(), null);
        if (response != null && response.statusCode() == 201) {
            ID.matcher(response.body()).results().forEach(id -> created.add(id.group(1)));
        }
    }

    /**
     * Leases five jobs at a time from its home node and fulfills each with its own token. Until
     * node B dies it holds every 20th job (from the second on) past its lease first: that
     * fulfill, and those of the batch's jobs whose leases ran out meanwhile, are stale and must
     * be refused.
     * When its home node stops answering it carries on through {@code fallback}.
     */
    static void remoteWorker(String name, String home, String fallback) {
        String api = home;
        int held = 0;
        while (!done.get()) {
            HttpResponse<String> leased = send("POST", api + "/queues/" + QUEUE + "/leases",
                    "{\"worker\":\"" + name + "\",\"max\":5,\"lease\":\"PT2S\",\"wait\":\"PT1S\"}", null);
            if (leased == null || leased.statusCode() != 200) {
                api = fallback;
                continue;
            }
            long leasedAt = System.nanoTime(); // the server granted the 2 s leases before this
            Matcher id = ID.matcher(leased.body());
            Matcher token = TOKEN.matcher(leased.body());
            while (id.find() && token.find()) {
                pause(++held % 20 == 2 && !nodeBKilled.get() ? 2600 : 3);
                boolean stale = System.nanoTime() - leasedAt > 2_200_000_000L;
                String value = "{\"owner\":\"" + name + "\",\"token\":\"" + token.group(1) + "\"}";
                HttpResponse<String> answer = send("PUT", api + "/jobs/" + id.group(1) + "/result", value, token.group(1));
                if (answer == null) {
                    api = fallback; // the lease lives in the database: any node takes the fulfill
                    answer = send("PUT", api + "/jobs/" + id.group(1) + "/result", value, token.group(1));
                }
                int status = answer == null ? 0 : answer.statusCode();
                if (stale) {
                    (status == 409 ? staleRefused : staleAccepted).incrementAndGet();
                    if (status != 409) {
                        System.out.println("  a stale fulfill got " + status + ": " + (answer == null ? "" : answer.body()));
                    }
                }
                if (status == 200) {
                    remoteFulfills.computeIfAbsent(id.group(1), k -> new CopyOnWriteArrayList<>()).add(token.group(1));
                }
            }
        }
    }

    /** Waits until {@code target} jobs of the queue are FULFILLED; returns how many are. */
    static int awaitFulfilled(String api, int target, int seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        int fulfilled;
        do {
            pause(200);
            HttpResponse<String> queues = send("GET", api + "/queues", null, null);
            Matcher count = Pattern.compile("\"queue\":\"" + QUEUE + "\"[^}]*\"FULFILLED\":(\\d+)")
                    .matcher(queues == null ? "" : queues.body());
            fulfilled = count.find() ? Integer.parseInt(count.group(1)) : 0;
        } while (fulfilled < target && System.currentTimeMillis() < deadline);
        return fulfilled;
    }

    static Set<String> runningJobsOwnedBy(String api, String ownerSuffix) {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        String page = send("GET", api + "/jobs?queue=" + QUEUE + "&status=RUNNING&limit=500", null, null).body();
        for (String job : page.split("\\{\"id\":")) {
            Matcher id = ID.matcher("\"id\":" + job);
            Matcher owner = OWNER.matcher(job);
            if (id.lookingAt() && owner.find() && owner.group(1).endsWith(ownerSuffix)) {
                ids.add(id.group(1));
            }
        }
        return ids;
    }

    /** Reads every job and its result back and prints what it counted. */
    static boolean verify(String api, int fulfilled, Set<String> heldByDeadNode) throws Exception {
        AtomicInteger lost = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger notFinalHolders = new AtomicInteger();
        Map<Integer, Integer> deadNodeReleases = new ConcurrentHashMap<>();
        AtomicInteger byInProcess = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<?>> reads = new ArrayList<>();
        for (String id : created) {
            reads.add(readers.submit(() -> {
                String job = send("GET", api + "/jobs/" + id, null, null).body();
                HttpResponse<String> result = send("GET", api + "/jobs/" + id + "/result", null, null);
                if (!job.contains("\"status\":\"FULFILLED\"") || result.statusCode() != 200) {
                    lost.incrementAndGet();
                    return;
                }
                List<String> remote = remoteFulfills.getOrDefault(id, List.of());
                if (remote.size() > 1) {
                    duplicates.incrementAndGet();
                }
                Matcher owner = OWNER.matcher(result.body());
                Matcher token = TOKEN.matcher(result.body());
                boolean named = owner.find() && token.find();
                boolean inProcess = named && owner.group(1).startsWith("pool-");
                if (inProcess) {
                    byInProcess.incrementAndGet();
                }
                // The stored value is the final holder's: the remote worker's whose fulfill got
                // a 200, or else an in-process worker's, and never the dead node's.
                boolean finalHolder = named && (remote.isEmpty()
                        ? inProcess && !(heldByDeadNode.contains(id) && owner.group(1).endsWith(DEAD_NODE))
                        : remote.size() == 1 && remote.get(0).equals(token.group(1)));
                if (!finalHolder) {
                    notFinalHolders.incrementAndGet();
                    System.out.println("  job " + id + ": result " + result.body() + ", remote fulfills " + remote);
                }
                if (heldByDeadNode.contains(id)) {
                    deadNodeReleases.merge(releases(job), 1, Integer::sum);
                }
            }));
        }
        for (Future<?> read : reads) {
            read.get();
        }
        readers.shutdown();
        System.out.printf("load: created %d, fulfilled %d (%d in-process, %d remote), lost %d, duplicates %d,"
                        + " results not by the final holder %d%n",
                created.size(), fulfilled, byInProcess.get(), remoteFulfills.size(), lost.get(), duplicates.get(),
                notFinalHolders.get());
        System.out.printf("load: stale writes refused %d, stale writes accepted %d%n", staleRefused.get(), staleAccepted.get());
        // Each must have been taken back (one release at least); a later holder's lease may run
        // out too (a slow remote worker under load), which adds a release of its own.
        int takenBack = deadNodeReleases.entrySet().stream()
                .filter(releases -> releases.getKey() >= 1)
                .mapToInt(Map.Entry::getValue)
                .sum();
        System.out.printf("kill -9: node B held %d leases; %d of them taken back and fulfilled by others (by releases: %s)%n",
                heldByDeadNode.size(), takenBack, deadNodeReleases);
        boolean ok = created.size() == JOBS && fulfilled == JOBS && lost.get() == 0 && duplicates.get() == 0
                && notFinalHolders.get() == 0 && staleAccepted.get() == 0 && staleRefused.get() > 0
                && !heldByDeadNode.isEmpty() && takenBack == heldByDeadNode.size();
        System.out.println(ok ? "load: 1 passed, 0 failed" : "load: 0 passed, 1 failed");
        return ok;
    }

    static int releases(String job) {
        Matcher releases = RELEASES.matcher(job);
        return releases.find() ? Integer.parseInt(releases.group(1)) : -1;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The response, or null when the node did not answer. */
    static HttpResponse<String> send(String method, String url, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", AUTHORIZATION)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
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
