import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The steady load under the chaos: producers creating jobs on queue {@code load} at a fixed rate
 * through both nodes (single and batch creates), remote workers leasing and fulfilling them over
 * HTTP (beside each node's in-process workers, LoadHandler), and a probe measuring how fast a job
 * created on node A wakes a long poll on node B. It records what a queue checker needs: every
 * create attempted and how it was answered, and every fulfill a remote worker was told stored.
 */
final class Load {

    static final String QUEUE = "load";
    /** The remote workers' lease; every 25th job they hold past it before fulfilling (a stale write). */
    static final long LEASE_MILLIS = 4000;

    final List<Node> nodes;
    private volatile double jobsPerSecond;
    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final AtomicBoolean working = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    final AtomicInteger attempted = new AtomicInteger();
    /** Payload to id, for creates answered 2xx. */
    final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /** Payloads of creates without a clear answer (no answer, or a 503): created or not. */
    final Set<String> indeterminate = ConcurrentHashMap.newKeySet();
    /** Payloads of creates refused with a 4xx: never created. */
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** Job id to the tokens of the remote fulfills answered 200. */
    final Map<String, List<String>> remoteFulfills = new ConcurrentHashMap<>();
    /** Job id to the tokens of remote fulfills without a clear answer (none, or a 5xx): stored or not. */
    final Map<String, List<String>> unansweredFulfills = new ConcurrentHashMap<>();
    final AtomicInteger staleRefused = new AtomicInteger();
    final AtomicInteger staleAccepted = new AtomicInteger();
    /** Phase to the wake-up delays (ms) the probe measured in it. */
    final Map<String, List<Long>> wakeUps = new ConcurrentHashMap<>();

    Load(List<Node> nodes, double jobsPerSecond) {
        this.nodes = nodes;
        this.jobsPerSecond = jobsPerSecond;
    }

    /** From now on, {@code jobsPerSecond} new jobs a second (0: none). */
    void rate(double jobsPerSecond) {
        this.jobsPerSecond = jobsPerSecond;
    }

    void start() {
        spawn("single-producer", () -> produce(1));
        spawn("batch-producer", () -> produce(10));
        for (int i = 0; i < 4; i++) {
            int worker = i;
            spawn("remote-" + i, () -> work("remote-" + worker, worker % nodes.size()));
        }
        spawn("wake-probe", this::probe);
    }

    void stopProducing() {
        producing.set(false);
    }

    void stop() throws InterruptedException {
        producing.set(false);
        working.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void spawn(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        threads.add(thread);
    }

    /** Half the rate, in requests of {@code size} jobs, to the nodes in turn. */
    private void produce(int size) {
        long next = System.nanoTime();
        int turn = 0;
        while (producing.get()) {
            if (jobsPerSecond == 0) {
                Api.pause(100);
                next = System.nanoTime();
                continue;
            }
            create(nodes.get(turn++ % nodes.size()), size);
            next += (long) (size * 2 / jobsPerSecond * 1e9);
            Api.pause(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        }
    }

    /** Creates {@code size} jobs through {@code node} in one request, recording how it was answered. */
    void create(Node node, int size) {
        create(node, size, "");
    }

    /**
     * Creates {@code size} jobs through {@code node} in one request, their payloads starting with
     * {@code prefix} ("slow-": LoadHandler works on each for half a second).
     */
    void create(Node node, int size, String prefix) {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            payloads.add(prefix + "chaos-" + attempted.incrementAndGet());
        }
        Api.Answer answer = size == 1
                ? Calls.record("create", Api.post(node.api + "/queues/" + QUEUE + "/jobs", job(payloads.get(0))))
                : Calls.record("create-batch", Api.post(node.api + "/queues/" + QUEUE + "/jobs/batch",
                        "[" + String.join(",", payloads.stream().map(Load::job).toList()) + "]"));
        if (answer.ok()) {
            List<String> ids = answer.all(Api.ID);
            for (int i = 0; i < payloads.size(); i++) {
                acknowledged.put(payloads.get(i), ids.get(i));
            }
        } else if (answer.status() == 0 || answer.status() >= 500) {
            indeterminate.addAll(payloads);
        } else {
            refused.addAll(payloads);
        }
    }

    private static String job(String payload) {
        return "{\"payload\":\"" + payload + "\",\"maxAttempts\":100}";
    }

    /**
     * Leases five jobs at a time and fulfills each with its own token, naming itself; holds every
     * 25th past its lease first (that fulfill is stale and must be refused). When its node does
     * not answer it turns to the other: a lease lives in the database, any node takes its calls.
     */
    private void work(String name, int home) {
        int node = home;
        int held = 0;
        while (working.get()) {
            String api = nodes.get(node).api;
            Api.Answer leased = Calls.record("lease", Api.post(api + "/queues/" + QUEUE + "/leases",
                    "{\"worker\":\"" + name + "\",\"max\":5,\"lease\":\"PT" + LEASE_MILLIS / 1000 + "S\",\"wait\":\"PT1S\"}"));
            if (!leased.ok()) {
                node = (node + 1) % nodes.size();
                Api.pause(200);
                continue;
            }
            long leasedAt = System.nanoTime();
            List<String> ids = leased.all(Api.ID);
            List<String> tokens = leased.all(Api.TOKEN);
            for (int i = 0; i < ids.size() && i < tokens.size(); i++) {
                if (++held % 25 == 0) {
                    Api.pause(LEASE_MILLIS + 600);
                }
                boolean stale = System.nanoTime() - leasedAt > (LEASE_MILLIS + 200) * 1_000_000;
                String value = "{\"owner\":\"" + name + "\",\"token\":\"" + tokens.get(i) + "\"}";
                Api.Answer answer = Calls.record("fulfill", Api.fulfill(api, ids.get(i), tokens.get(i), value));
                if (answer.status() == 0 || answer.status() >= 500) {
                    unansweredFulfills.computeIfAbsent(ids.get(i), id -> new CopyOnWriteArrayList<>()).add(tokens.get(i));
                }
                if (answer.status() == 0) {
                    node = (node + 1) % nodes.size();
                    api = nodes.get(node).api;
                    answer = Calls.record("fulfill", Api.fulfill(api, ids.get(i), tokens.get(i), value));
                }
                if (stale && answer.status() == 409) {
                    staleRefused.incrementAndGet();
                } else if (stale && answer.ok()) {
                    staleAccepted.incrementAndGet();
                }
                if (answer.ok()) {
                    remoteFulfills.computeIfAbsent(ids.get(i), id -> new CopyOnWriteArrayList<>()).add(tokens.get(i));
                }
            }
        }
    }

    /**
     * A long poll on node B for queue {@code wake}, then a job created on node A: the delay from
     * the create's answer to the poll's is how long the wake-up took across nodes (the nodes'
     * own recheck is 30 s, so only LISTEN/NOTIFY makes it short).
     */
    private void probe() {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        int n = 0;
        while (working.get()) {
            String payload = "probe-" + n++;
            Api.Answer[] polled = new Api.Answer[1];
            long[] answeredAt = new long[1];
            Thread poll = new Thread(() -> {
                polled[0] = Api.post(b.api + "/queues/wake/leases", "{\"worker\":\"probe\",\"wait\":\"PT10S\"}");
                answeredAt[0] = System.nanoTime();
            });
            poll.start();
            Api.pause(200); // the poll is waiting by now
            Api.Answer created = Api.post(a.api + "/queues/wake/jobs", "{\"payload\":\"" + payload + "\"}");
            long createdAt = System.nanoTime();
            join(poll);
            if (!created.ok() || polled[0].status() != 200) {
                Api.pause(500); // a node is down or busy: no measure
                continue;
            }
            if (polled[0].body().contains(payload)) {
                record(Math.max(0, answeredAt[0] - createdAt) / 1_000_000);
            } else if (polled[0].all(Api.ID).isEmpty()) {
                record(10_000); // the wake-up never came within the poll's wait
            }
            for (Api.Answer leased = polled[0]; leased.ok() && !leased.all(Api.ID).isEmpty(); ) {
                fulfillAll(b, leased); // so the next probe starts from an empty queue
                leased = Api.post(b.api + "/queues/wake/leases", "{\"worker\":\"probe\",\"max\":100}");
            }
            Api.pause(100);
        }
    }

    private void record(long wakeUpMillis) {
        wakeUps.computeIfAbsent(Calls.phase(), p -> new CopyOnWriteArrayList<>()).add(wakeUpMillis);
    }

    private static void fulfillAll(Node node, Api.Answer leased) {
        List<String> ids = leased.all(Api.ID);
        List<String> tokens = leased.all(Api.TOKEN);
        for (int i = 0; i < ids.size() && i < tokens.size(); i++) {
            Api.fulfill(node.api, ids.get(i), tokens.get(i), "1");
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
