package dev.jobstore.it.support;

import dev.jobstore.job.CheckedFulfillment;
import dev.jobstore.job.Job;
import dev.jobstore.job.JobView;
import dev.jobstore.job.NewJob;
import dev.jobstore.job.StoredResult;
import dev.jobstore.notification.Notifications;
import dev.jobstore.queue.Queues;
import dev.jobstore.storage.DatabaseVendor;
import dev.jobstore.storage.JobStorage;
import dev.jobstore.storage.PortableStorage;
import dev.jobstore.storage.PostgresqlStorage;
import dev.jobstore.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.UserTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * What the storage contract test needs: the implementations this database has, each with a
 * queue of its own per case, and the store's own API to set up and read back jobs.
 */
@ApplicationScoped
public class StorageCases {

    public static final String WORKER = "contract-worker";

    /** The trace context plain inserts give their jobs: each way of writing and reading a job keeps it. */
    public static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    /** One implementation under test, with a fresh queue for the case at hand. */
    public record Implementation(String name, JobStorage storage, String queue) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Inject
    JobStore store;

    @Inject
    Queues queues;

    @Inject
    Notifications notifications;

    @Inject
    PortableStorage portable;

    @Inject
    Instance<PostgresqlStorage> postgresql;

    @Inject
    DatabaseVendor vendor;

    @Inject
    UserTransaction transaction;

    /** The portable implementation, and the PostgreSQL one on PostgreSQL. */
    public List<Implementation> implementations() {
        List<Implementation> all = new ArrayList<>();
        all.add(new Implementation("portable", portable, queue("portable")));
        if (vendor.name().equals("postgresql")) {
            all.add(new Implementation("postgresql", postgresql.get(), queue("postgresql")));
        }
        return all;
    }

    public void forEach(Consumer<Implementation> contractCase) {
        implementations().forEach(contractCase);
    }

    public JobStore store() {
        return store;
    }

    public Queues queues() {
        return queues;
    }

    public Notifications notifications() {
        return notifications;
    }

    /** Creates one job per priority in {@code queue}, in that order; answers their ids. */
    public List<UUID> createAll(String queue, int... priorities) {
        return IntStream.of(priorities)
                .mapToObj(priority -> store.create(
                                queue, NewJob.of(Json.createValue(priority)).withPriority(priority))
                        .job()
                        .id())
                .toList();
    }

    /** Claims in a transaction of its own, as the store does. */
    public List<JobView> claim(Implementation impl, int max, Duration length) {
        return inTransaction(() -> {
            Instant now = Instant.now();
            return impl.storage().claim(impl.queue(), WORKER, max, now, now.plus(length));
        });
    }

    /** Inserts {@code count} plain jobs through the implementation; answers their ids. */
    public List<UUID> insertPlain(Implementation impl, int count) {
        Instant now = Instant.now();
        List<Job> jobs = IntStream.range(0, count)
                .mapToObj(i -> Job.create(
                        UUID.randomUUID(), impl.queue(), NewJob.of(Json.createValue(i)), TRACEPARENT, now, true))
                .toList();
        inTransaction(() -> {
            impl.storage().insertPlain(jobs, impl.queue()); // announced as a create would
            return null;
        });
        return jobs.stream().map(Job::id).toList();
    }

    public CheckedFulfillment json(JobView leased, String json) {
        return new CheckedFulfillment(
                leased.id(),
                leased.lease().token(),
                new StoredResult("application/json", json.getBytes(StandardCharsets.UTF_8)));
    }

    public static StoredResult text(String text) {
        return new StoredResult("text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    public <T> T inTransaction(Callable<T> work) {
        try {
            transaction.begin();
            try {
                T result = work.call();
                transaction.commit();
                return result;
            } catch (Exception | Error e) {
                transaction.rollback();
                throw e;
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String queue(String implementation) {
        return "contract-" + implementation + "-" + UUID.randomUUID();
    }
}
