import dev.jobstore.client.Acknowledgement;
import dev.jobstore.client.CreatedJob;
import dev.jobstore.client.JobWorker;
import dev.jobstore.client.JobstoreClient;
import dev.jobstore.client.JobstoreException;
import dev.jobstore.client.NewJob;
import dev.jobstore.client.WorkerOptions;
import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The steady load under the chaos, through the Java client (java-client) as users' programs run
 * it: producers creating jobs on queue {@code load} at a fixed rate through both nodes (single and
 * batch creates), four remote client workers (two per node) beside each node's in-process
 * workers (LoadHandler), a zombie that holds a lease past its end and fulfills anyway (a stale
 * write, which must be refused; the client's heartbeats never let a lease lapse, so the zombie
 * speaks HTTP itself), and a probe measuring how fast a job created on node A reaches a worker
 * long-polling node B. It records what a queue checker needs: every create attempted and how it
 * was answered, and every fulfill a remote worker was told stored.
 */
final class Load {

    static final String QUEUE = "load";
    /** The remote workers' and the zombie's lease. */
    static final long LEASE_MILLIS = 4000;

    final List<Node> nodes;
    private final Map<Node, JobstoreClient> clients = new ConcurrentHashMap<>();
    private volatile double jobsPerSecond;
    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final AtomicBoolean working = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<JobWorker> workers = new ArrayList<>();
    /** The probe's payload to when its job reached the worker on node B. */
    private final Map<String, CompletableFuture<Long>> probed = new ConcurrentHashMap<>();

    final AtomicInteger attempted = new AtomicInteger();
    /** Payload to id, for creates answered 2xx. */
    final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /** Payloads of creates without a clear answer (no answer, or a 503): created or not. */
    final Set<String> indeterminate = ConcurrentHashMap.newKeySet();
    /** Payloads of creates refused with a 4xx: never created. */
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** Job id to the tokens of the remote fulfills told stored. */
    final Map<String, List<String>> remoteFulfills = new ConcurrentHashMap<>();
    /** Job id to the tokens of remote fulfills without a clear answer: stored or not. */
    final Map<String, List<String>> unansweredFulfills = new ConcurrentHashMap<>();
    final AtomicInteger staleRefused = new AtomicInteger();
    final AtomicInteger staleAccepted = new AtomicInteger();
    /** Phase to the wake-up delays (ms) the probe measured in it. */
    final Map<String, List<Long>> wakeUps = new ConcurrentHashMap<>();

    Load(List<Node> nodes, double jobsPerSecond) {
        this.nodes = nodes;
        this.jobsPerSecond = jobsPerSecond;
        for (Node node : nodes) {
            clients.put(node, JobstoreClient.builder(URI.create(node.api))
                    .basicAuth("checks", "checks")
                    .connectTimeout(Duration.ofSeconds(2))
                    .build());
        }
        ClientWarnings.watch();
    }

    /** From now on, {@code jobsPerSecond} new jobs a second (0: none). */
    void rate(double jobsPerSecond) {
        this.jobsPerSecond = jobsPerSecond;
    }

    void start() {
        spawn("single-producer", () -> produce(1));
        spawn("batch-producer", () -> produce(10));
        for (int i = 0; i < 4; i++) {
            String name = "remote-" + i;
            workers.add(clients.get(nodes.get(i % nodes.size())).processJobs(QUEUE, WorkerOptions.defaults()
                    .withWorker(name)
                    .withConcurrency(2)
                    .withPrefetch(3)
                    .withLease(Duration.ofMillis(LEASE_MILLIS))
                    .withPollWait(Duration.ofSeconds(1))
                    .onAcknowledged(this::acknowledged),
                    job -> Json.createObjectBuilder().add("owner", name).add("token", job.token()).build()));
        }
        workers.add(clients.get(nodes.get(1)).processJobs("wake", WorkerOptions.defaults()
                .withWorker("probe")
                .withConcurrency(1)
                .withPollWait(Duration.ofSeconds(10)), job -> {
                    long arrivedAt = System.nanoTime();
                    CompletableFuture<Long> waiting = probed.remove(job.payload().toString());
                    if (waiting != null) {
                        waiting.complete(arrivedAt);
                    }
                    return Json.createValue(1);
                }));
        spawn("zombie", this::zombie);
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
        for (JobWorker worker : workers) {
            worker.shutdown(Duration.ofSeconds(5));
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
     * Creates {@code size} jobs through {@code node} in one request (without keys: a create the
     * client cannot be sure of is not retried), their payloads starting with {@code prefix}
     * ("slow-": LoadHandler works on each for half a second); records how it was answered.
     */
    void create(Node node, int size, String prefix) {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            payloads.add(prefix + "chaos-" + attempted.incrementAndGet());
        }
        List<NewJob> jobs = payloads.stream()
                .map(payload -> NewJob.of(Json.createValue(payload)).withMaxAttempts(100))
                .toList();
        String call = size == 1 ? "create" : "create-batch";
        long start = System.nanoTime();
        try {
            JobstoreClient client = clients.get(node);
            List<CreatedJob> created = size == 1 ? List.of(client.create(QUEUE, jobs.get(0))) : client.createAll(QUEUE, jobs);
            Calls.record(call, new Api.Answer(201, "", millisSince(start)));
            for (int i = 0; i < payloads.size(); i++) {
                acknowledged.put(payloads.get(i), created.get(i).id().toString());
            }
        } catch (JobstoreException e) {
            Calls.record(call, new Api.Answer(e.status(), e.getMessage(), millisSince(start)));
            (e.status() >= 500 ? indeterminate : refused).addAll(payloads);
        } catch (IOException e) {
            Calls.record(call, new Api.Answer(0, String.valueOf(e), millisSince(start)));
            indeterminate.addAll(payloads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            indeterminate.addAll(payloads);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** What a remote worker was told of its answers: the checker's record of stored fulfills. */
    private void acknowledged(Acknowledgement answer) {
        Calls.tally("answer " + answer.outcome().name().toLowerCase() + (answer.problem() == null ? "" : " " + answer.problem()));
        String id = answer.job().id().toString();
        if (answer.outcome() == Acknowledgement.Outcome.REFUSED && !"lease-lost".equals(answer.problem())) {
            Calls.wrong("an answer refused with " + answer.problem() + " for " + answer.job());
        } else if (!answer.action().equals("fulfill")) {
            return; // a release (a worker stopping) stores no value
        } else if (answer.outcome() == Acknowledgement.Outcome.STORED) {
            remoteFulfills.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(answer.job().token());
        } else if (answer.outcome() == Acknowledgement.Outcome.UNKNOWN) {
            unansweredFulfills.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(answer.job().token());
        }
    }

    /**
     * A worker that stalls (a long GC pause, a frozen VM): leases one job, keeps it past its lease
     * without a heartbeat, then fulfills it naming itself. The lease is lost by then: the write
     * must be refused (409), whoever holds the job now.
     */
    private void zombie() {
        int turn = 0;
        while (working.get()) {
            String api = nodes.get(turn++ % nodes.size()).api;
            Api.Answer leased = Calls.record("lease", Api.post(api + "/queues/" + QUEUE + "/leases",
                    "{\"worker\":\"zombie\",\"lease\":\"PT" + LEASE_MILLIS / 1000 + "S\",\"wait\":\"PT1S\"}"));
            List<String> ids = leased.all(Api.ID);
            List<String> tokens = leased.all(Api.TOKEN);
            if (!leased.ok() || ids.isEmpty() || tokens.isEmpty()) {
                Api.pause(200);
                continue;
            }
            Api.pause(LEASE_MILLIS + 600);
            String value = "{\"owner\":\"zombie\",\"token\":\"" + tokens.get(0) + "\"}";
            Api.Answer answer = Calls.record("fulfill", Api.fulfill(api, ids.get(0), tokens.get(0), value));
            if (answer.status() == 409) {
                staleRefused.incrementAndGet();
            } else if (answer.ok()) {
                staleAccepted.incrementAndGet();
            }
        }
    }

    /**
     * Creates a job on queue {@code wake} through node A while a client worker long-polls node B:
     * the delay from the create's answer to the handler's start is how long the wake-up took
     * across nodes (the nodes' own recheck is 30 s, so only LISTEN/NOTIFY makes it short).
     */
    private void probe() {
        JobstoreClient a = clients.get(nodes.get(0));
        int n = 0;
        while (working.get()) {
            String payload = "probe-" + n++;
            String key = Json.createValue(payload).toString();
            CompletableFuture<Long> arrival = new CompletableFuture<>();
            probed.put(key, arrival);
            long createdAt;
            try {
                a.create("wake", NewJob.of(Json.createValue(payload)));
                createdAt = System.nanoTime();
            } catch (IOException | RuntimeException e) {
                probed.remove(key);
                Api.pause(500); // node A is busy: no measure
                continue;
            } catch (InterruptedException e) {
                return;
            }
            try {
                record(Math.max(0, arrival.get(10, TimeUnit.SECONDS) - createdAt) / 1_000_000);
            } catch (java.util.concurrent.TimeoutException e) {
                probed.remove(key);
                if (nodes.get(1).running() && Api.get(nodes.get(1).api + "/queues").ok()) {
                    record(10_000); // node B is up, yet the wake-up never came within the poll's wait
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                return;
            }
            Api.pause(100);
        }
    }

    private void record(long wakeUpMillis) {
        wakeUps.computeIfAbsent(Calls.phase(), p -> new CopyOnWriteArrayList<>()).add(wakeUpMillis);
    }
}
