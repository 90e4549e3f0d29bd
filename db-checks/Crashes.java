import dev.jobstore.client.CreatedJob;
import dev.jobstore.client.JobOutcome;
import dev.jobstore.client.JobWorker;
import dev.jobstore.client.JobstoreClient;
import dev.jobstore.client.JobstoreException;
import dev.jobstore.client.NewJob;
import dev.jobstore.client.WorkerOptions;
import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL restarted under load, against one node (started by crashes.sh), through the Java
 * client: two producers create keyed jobs and a client worker (processJobs, four handlers)
 * fulfills them while the database restarts. The client retries what the node answers 503
 * meanwhile (keyed creates are safe to retry). Afterwards every acknowledged create must be
 * FULFILLED, no call may have been refused otherwise (a 500, or a 404 for a job that exists: a
 * lost connection must not read as a missing row), and the load must go on after the restart.
 * Args: the API base URL, then the command that restarts PostgreSQL.
 */
public class Crashes {

    static final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    static final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    static final AtomicBoolean stop = new AtomicBoolean();

    public static void main(String[] args) throws Exception {
        JobstoreClient client = JobstoreClient.builder(URI.create(args[0]))
                .basicAuth("checks", "checks") // the checks' user, which nodes.sh adds to every node
                .retryFor(Duration.ofSeconds(90))
                .build();
        String queue = "pgload-" + System.nanoTime();
        List<Thread> producers = List.of(
                new Thread(() -> produce(client, queue, "a")), new Thread(() -> produce(client, queue, "b")));
        producers.forEach(Thread::start);
        JobWorker worker = client.processJobs(
                queue,
                WorkerOptions.defaults().withConcurrency(4).withPollWait(Duration.ofSeconds(1)),
                job -> Json.createValue("ok"));
        Thread.sleep(3000);
        int before = acknowledged.size();
        Process restart = new ProcessBuilder(List.of(args).subList(1, args.length)).inheritIO().start();
        System.out.println("restarting PostgreSQL: exit " + restart.waitFor());
        int during = acknowledged.size();
        Thread.sleep(15_000); // load goes on after the database is back
        stop.set(true);
        for (Thread producer : producers) {
            producer.join();
        }
        int unfulfilled = 0;
        Instant deadline = Instant.now().plusSeconds(120);
        for (UUID id : acknowledged) {
            try {
                JobOutcome outcome = client.awaitOutcome(id, Duration.between(Instant.now(), deadline))
                        .get(130, TimeUnit.SECONDS);
                if (!outcome.isFulfilled()) {
                    unfulfilled++;
                    System.out.println("  job " + id + " ended " + outcome.status() + ": " + outcome.error());
                }
            } catch (Exception e) {
                unfulfilled++;
                System.out.println("  job " + id + " was not fulfilled: " + e);
            }
        }
        worker.shutdown(Duration.ofSeconds(10));
        int createdAfter = acknowledged.size() - during;
        System.out.printf(
                "PostgreSQL restart under load (Java client): %d creates acknowledged (%d before the restart, %d after"
                        + " it), %d answers acknowledged, %d not fulfilled; 503s retried by the client %d; refusals %s%n",
                acknowledged.size(), before, createdAfter, worker.answered(), unfulfilled,
                client.retriedUnavailable(), refusals);
        boolean ok = unfulfilled == 0 && refusals.isEmpty() && createdAfter > 0;
        System.out.println(ok ? "pg-restart: 1 passed, 0 failed" : "pg-restart: 0 passed, 1 failed");
        System.exit(ok ? 0 : 1);
    }

    static void produce(JobstoreClient client, String queue, String producer) {
        int n = 0;
        while (!stop.get()) {
            try {
                CreatedJob created = client.create(queue, NewJob.of(Json.createValue(n)).withKey(producer + "-" + n));
                acknowledged.add(created.id());
                n++;
            } catch (JobstoreException e) {
                if (refusals.computeIfAbsent(e.type(), type -> new AtomicInteger()).incrementAndGet() == 1) {
                    System.out.println("  first " + e.type() + " at " + java.time.LocalTime.now() + ": " + e.getMessage());
                }
                pause();
            } catch (IOException e) {
                pause(); // the node itself unreachable: not what this check is about, the next create retries
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
