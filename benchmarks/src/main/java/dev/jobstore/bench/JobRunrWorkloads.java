package dev.jobstore.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;

/**
 * The same workloads on JobRunr 8.7.0 (the open-source edition), on its own database of the
 * same PostgreSQL: its PostgreSQL storage provider, eight workers (the in-process worker count
 * of our workloads) and the shortest poll interval it accepts. Jobs are calls of the static
 * {@link #run}, which JobRunr records as method and arguments.
 */
public final class JobRunrWorkloads implements AutoCloseable {

    private static final AtomicLong EXECUTED = new AtomicLong();
    private static final Queue<Double> LATENCIES_MILLIS = new ConcurrentLinkedQueue<>();

    private final HikariDataSource dataSource;
    private final JobScheduler scheduler;
    private final BackgroundJobServer server;
    private final Duration pollInterval;

    JobRunrWorkloads(String database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Database.HOST + database);
        config.setUsername(Database.USER);
        config.setMaximumPoolSize(12);
        dataSource = new HikariDataSource(config);
        pollInterval = Duration.ofSeconds(5); // the shortest its open-source edition accepts
        var configured = JobRunr.configure()
                .useStorageProvider(new PostgresStorageProvider(dataSource))
                .useBackgroundJobServer(
                        BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                                .andWorkerCount(8)
                                .andPollInterval(pollInterval),
                        false)
                .initialize();
        scheduler = configured.getJobScheduler();
        server = configured.getBackgroundJobServer();
    }

    /** The job: counts itself, and with a creation time (System.nanoTime, this JVM) its start latency. */
    public static void run(long createdNanos) {
        if (createdNanos != 0) {
            LATENCIES_MILLIS.add((System.nanoTime() - createdNanos) / 1e6);
        }
        EXECUTED.incrementAndGet();
    }

    double create(int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            scheduler.enqueue(() -> run(0));
        }
        double rate = count / JobstoreWorkloads.seconds(start);
        clear();
        return rate;
    }

    double batchCreate(int batches, int size) {
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            scheduler.enqueue(LongStream.range(0, size).boxed(), ignored -> run(0));
        }
        double rate = batches * size / JobstoreWorkloads.seconds(start);
        clear();
        return rate;
    }

    double burnDown() throws InterruptedException {
        int jobs = JobstoreWorkloads.BURN_DOWN_JOBS;
        for (int b = 0; b < jobs / 1000; b++) {
            scheduler.enqueue(IntStream.range(0, 1000).boxed(), ignored -> run(0));
        }
        long target = EXECUTED.get() + jobs;
        long start = System.nanoTime();
        server.start();
        awaitExecuted(target);
        double rate = jobs / JobstoreWorkloads.seconds(start);
        server.stop();
        clear();
        return rate;
    }

    /** As JobstoreWorkloads#endToEnd: two producers in batches of 100, backlog held near 2,000. */
    double endToEnd(int warmUpSeconds, int measureSeconds) throws Exception {
        server.start();
        double rate = PeerEndToEnd.run(
                (producer, batch) -> scheduler.enqueue(IntStream.range(0, 100).boxed(), ignored -> run(0)),
                EXECUTED::get,
                warmUpSeconds,
                measureSeconds);
        server.stop();
        clear();
        return rate;
    }

    /** Enqueue-to-start latency with an idle server: {p50, p99} in milliseconds. */
    double[] latency(int samples) throws InterruptedException {
        server.start();
        Thread.sleep(1000);
        LATENCIES_MILLIS.clear();
        long target = EXECUTED.get() + samples;
        for (int i = 0; i < samples; i++) {
            long created = System.nanoTime();
            scheduler.enqueue(() -> run(created));
            Thread.sleep(20);
        }
        awaitExecuted(target);
        server.stop();
        clear();
        double[] millis = LATENCIES_MILLIS.stream()
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        return new double[] {JobstoreWorkloads.percentile(millis, 50), JobstoreWorkloads.percentile(millis, 99)};
    }

    private static void awaitExecuted(long target) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (EXECUTED.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("JobRunr: jobs still unexecuted after 10 minutes");
            }
            Thread.sleep(5);
        }
    }

    /** Empties JobRunr's job table between workloads, as the db-scheduler peer truncates its own. */
    private void clear() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("delete from jobrunr_jobs");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        dataSource.close();
    }
}
