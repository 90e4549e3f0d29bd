package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jobstore.it.support.Api;
import dev.jobstore.it.support.Api.Reply;
import dev.jobstore.it.support.AsWorker;
import dev.jobstore.it.support.Deployments;
import dev.jobstore.job.Fulfillment;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.JobStoreException;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.job.NewJob;
import dev.jobstore.lease.PullRequest;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.JobStore;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real threads racing through real transactions: every job goes to exactly one holder. */
@ExtendWith(ArquillianExtension.class)
class LeaseRaceIT {

    private static final int JOBS = 200;
    private static final int WORKERS = 10;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(LeaseRaceIT.class);
    }

    @Inject
    JobStore store;

    @Inject
    AsWorker worker; // the racing threads are plain threads, with no identity of their own

    private final Api api = new Api();
    private final String queue = "race-" + UUID.randomUUID();

    @Test
    void ten_workers_racing_over_http_never_receive_the_same_job() throws Exception {
        createJobs();
        Map<String, String> holderByJob = race(worker -> {
            Reply reply = api.post(
                    "queues/" + queue + "/leases", "{\"worker\":\"" + worker + "\",\"max\":3,\"lease\":\"PT2M\"}");
            assertEquals(200, reply.status(), reply::toString);
            List<String> ids = new ArrayList<>();
            for (JsonObject job : reply.array().getValuesAs(JsonObject.class)) {
                String id = job.getString("id");
                Reply fulfilled = api.send(
                        "PUT",
                        "jobs/" + id + "/result",
                        "text/plain",
                        worker.getBytes(StandardCharsets.UTF_8),
                        "Lease-Token",
                        job.getJsonObject("lease").getString("token"));
                assertEquals(200, fulfilled.status(), fulfilled::toString);
                ids.add(id);
            }
            return ids;
        });

        assertEquals(JOBS, holderByJob.size());
        for (Map.Entry<String, String> held : holderByJob.entrySet()) {
            assertEquals(
                    held.getValue(),
                    api.get("jobs/" + held.getKey() + "/result").text(),
                    "the stored value is not the one its only holder wrote");
        }
    }

    @Test
    void ten_workers_racing_through_the_java_api_never_receive_the_same_job() throws Exception {
        createJobs();
        Map<String, String> holderByJob = race(worker -> {
            List<String> ids = new ArrayList<>();
            for (JobLease lease :
                    store.pullWork(queue, PullRequest.of(worker).withMax(3).withLease(Duration.ofMinutes(2)))) {
                lease.fulfill(Json.createValue(worker));
                ids.add(lease.jobId().toString());
            }
            return ids;
        });
        assertEquals(JOBS, holderByJob.size());
    }

    @Test
    void concurrent_fulfills_with_one_token_store_exactly_one_value() throws Exception {
        store.create(queue, NewJob.of(null));
        JobLease lease = store.pullWork(queue, "w").orElseThrow();
        String token = lease.token();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                String value = "value-" + i;
                statuses.add(pool.submit(() -> {
                    start.await();
                    return api.send(
                                    "PUT",
                                    "jobs/" + lease.jobId() + "/result",
                                    "text/plain",
                                    value.getBytes(StandardCharsets.UTF_8),
                                    "Lease-Token",
                                    token)
                            .status();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, results.stream().filter(s -> s == 200).count(), () -> "statuses: " + results);
            assertEquals(WORKERS - 1, results.stream().filter(s -> s == 409).count(), () -> "statuses: " + results);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_group_fulfill_refuses_a_stale_token_alone_and_stores_the_others() {
        for (int i = 0; i < 3; i++) {
            store.create(queue, NewJob.of(Json.createValue(i)));
        }
        List<JobLease> leases =
                store.pullWork(queue, PullRequest.of("w").withMax(3).withWait(Duration.ZERO));
        assertEquals(3, leases.size());
        JobLease stale = leases.get(1);
        List<Fulfillment> group = List.of(
                Fulfillment.json(leases.get(0).jobId(), leases.get(0).token(), Json.createValue("first")),
                Fulfillment.json(stale.jobId(), UUID.randomUUID().toString(), Json.createValue("stale")),
                Fulfillment.json(leases.get(2).jobId(), leases.get(2).token(), Json.createValue("third")));

        Map<UUID, JobStoreException> refused = store.fulfillAll(group);

        assertEquals(Set.of(stale.jobId()), refused.keySet());
        assertInstanceOf(LeaseLostException.class, refused.get(stale.jobId()));
        assertEquals(JobStatus.RUNNING, store.get(stale.jobId()).status(), "the refused job must be left as it was");
        assertEquals("\"first\"", new String(store.result(leases.get(0).jobId()).content(), StandardCharsets.UTF_8));
        assertEquals("\"third\"", new String(store.result(leases.get(2).jobId()).content(), StandardCharsets.UTF_8));
    }

    private void createJobs() {
        for (int i = 0; i < JOBS; i++) {
            store.create(queue, NewJob.of(Json.createValue(i)));
        }
    }

    /** Runs WORKERS threads that pull until the queue is empty; returns job id → holder. */
    private Map<String, String> race(Function<String, List<String>> pullAndFulfill) throws Exception {
        Map<String, String> holderByJob = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                String worker = "worker-" + w;
                workers.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    List<String> ids;
                    while (!(ids = this.worker.call(() -> pullAndFulfill.apply(worker))).isEmpty()) {
                        ids.forEach(id -> {
                            if (holderByJob.putIfAbsent(id, worker) != null) {
                                duplicates.incrementAndGet();
                            }
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, duplicates.get(), "jobs handed out twice");
        return holderByJob;
    }
}
