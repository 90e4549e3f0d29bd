package dev.jobstore.client;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The jobstore HTTP API for Java programs outside the server: create jobs, await their
 * outcomes, and work a queue ({@link #processJobs}). Thread-safe; one per server is enough.
 *
 * <pre>{@code
 * JobstoreClient client = JobstoreClient.builder(URI.create("http://localhost:8080/jobstore/api"))
 *         .basicAuth("worker", "worker")
 *         .build();
 * }</pre>
 */
public final class JobstoreClient {

    /** The longest single wait the server allows by default (jobstore.pull.max-wait); longer awaits chain them. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    private final Http http;

    private JobstoreClient(Http http) {
        this.http = http;
    }

    public static Builder builder(URI api) {
        return new Builder(api);
    }

    /** How to reach the server. */
    public static final class Builder {
        private final URI api;
        private String authorization;
        private Duration retryFor = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(10);

        private Builder(URI api) {
            this.api = Objects.requireNonNull(api, "the API's address, such as http://localhost:8080/jobstore/api");
        }

        /** Authenticates every request with HTTP Basic (a user of the server's security domain). */
        public Builder basicAuth(String user, String password) {
            String pair = user + ":" + password;
            authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** Authenticates every request with an API token's secret ({@code jst_…}). */
        public Builder bearerToken(String secret) {
            authorization = "Bearer " + secret;
            return this;
        }

        /**
         * How long to keep retrying a request answered 503 (the server lost its database, or is
         * starting), each after its Retry-After; default 60 s. Creates without a key are never
         * retried: the first may have been stored.
         */
        public Builder retryFor(Duration duration) {
            retryFor = duration;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            connectTimeout = timeout;
            return this;
        }

        public JobstoreClient build() {
            HttpClient client =
                    HttpClient.newBuilder().connectTimeout(connectTimeout).build();
            return new JobstoreClient(new Http(client, api, authorization, retryFor));
        }
    }

    /** Creates a job in {@code queue}; with a key already used there, answers the existing job. */
    public CreatedJob create(String queue, NewJob job) throws IOException, InterruptedException {
        Http.Reply reply = http.send("POST", "queues/" + queue + "/jobs", job.toJson(), job.key() != null)
                .expect(200, 201);
        JsonObject created = reply.object();
        return new CreatedJob(
                UUID.fromString(created.getString("id")), created.getString("status"), reply.status() == 201);
    }

    /** Creates many jobs in one transaction (one bad job refuses them all); answers their ids in order. */
    public List<CreatedJob> createAll(String queue, List<NewJob> jobs) throws IOException, InterruptedException {
        JsonArrayBuilder body = Jsonp.PROVIDER.createArrayBuilder();
        jobs.forEach(job -> body.add(job.toJson()));
        boolean allKeyed = jobs.stream().allMatch(job -> job.key() != null);
        return http
                .send("POST", "queues/" + queue + "/jobs/batch", body.build(), allKeyed, "Prefer", "return=minimal")
                .expect(201)
                .array()
                .getValuesAs(JsonObject.class)
                .stream()
                .map(ref -> new CreatedJob(UUID.fromString(ref.getString("id")), null, ref.getBoolean("created")))
                .toList();
    }

    /** The job's outcome once it is final, however long that takes (long polls; no thread is held). */
    public CompletableFuture<JobOutcome> awaitOutcome(UUID id) {
        return await(id, null);
    }

    /** As {@link #awaitOutcome(UUID)}, completing with a {@link TimeoutException} if the job is not final by then. */
    public CompletableFuture<JobOutcome> awaitOutcome(UUID id, Duration timeout) {
        return await(id, Instant.now().plus(timeout));
    }

    private CompletableFuture<JobOutcome> await(UUID id, Instant deadline) {
        Duration wait = deadline == null ? LONGEST_WAIT : Duration.between(Instant.now(), deadline);
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        Duration thisWait = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
        return http.sendAsync("GET", "jobs/" + id + "/result?wait=" + thisWait)
                .thenCompose(reply -> outcome(id, reply, deadline));
    }

    private CompletableFuture<JobOutcome> outcome(UUID id, Http.Reply reply, Instant deadline) {
        if (reply.status() == 200) {
            return CompletableFuture.completedFuture(
                    new JobOutcome(id, JobOutcome.Status.FULFILLED, reply.body(), reply.contentType(), null));
        }
        JobstoreException problem = reply.problem();
        switch (problem.type()) {
            case "job-failed":
                return ended(id, JobOutcome.Status.FAILED, reply);
            case "job-cancelled":
                return ended(id, JobOutcome.Status.CANCELLED, reply);
            case "result-not-found":
                if (deadline != null && !Instant.now().isBefore(deadline)) {
                    return CompletableFuture.failedFuture(new TimeoutException("job " + id + " is not final yet"));
                }
                return await(id, deadline);
            case "database-unavailable":
                return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                        .thenCompose(ignored -> await(id, deadline));
            default:
                return CompletableFuture.failedFuture(problem);
        }
    }

    private static CompletableFuture<JobOutcome> ended(UUID id, JobOutcome.Status status, Http.Reply reply) {
        return CompletableFuture.completedFuture(
                new JobOutcome(id, status, null, null, reply.object().getString("detail", null)));
    }

    /**
     * Works {@code queue} until shut down: pulls leased jobs in batches, runs {@code handler} on
     * {@code options.concurrency()} threads, answers in batch acknowledgements and renews leases
     * in batch heartbeats.
     */
    public JobWorker processJobs(String queue, WorkerOptions options, JobHandler handler) {
        return new JobWorker(http, queue, options, handler);
    }

    /** How many 503 answers this client retried (a database restart shows here). */
    public long retriedUnavailable() {
        return http.retried();
    }
}
