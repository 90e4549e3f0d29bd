package dev.jobstore.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same workloads on db-scheduler 16.12.0, on its own database of the same PostgreSQL, set
 * up as its documentation advises for throughput on PostgreSQL: lock-and-fetch polling,
 * immediate execution, eight threads (the in-process worker count of our workloads).
 */
final class DbSchedulerWorkloads implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final AtomicLong executed = new AtomicLong();
    private final Queue<Double> latenciesMillis = new ConcurrentLinkedQueue<>();
    private final OneTimeTask<Void> noop = Tasks.oneTime("noop").execute((instance, context) -> {
        latenciesMillis.add(Duration.between(context.getExecution().executionTime, Instant.now())
                        .toNanos()
                / 1e6);
        executed.incrementAndGet();
    });
    private final SchedulerClient client;

    DbSchedulerWorkloads(String database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Database.HOST + database);
        config.setUsername(Database.USER);
        config.setMaximumPoolSize(12);
        dataSource = new HikariDataSource(config);
        client = SchedulerClient.Builder.create(dataSource, noop).build();
    }

    double create(int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            client.schedule(noop.instance("c" + System.nanoTime() + "-" + i), Instant.now());
        }
        double rate = count / JobstoreWorkloads.seconds(start);
        clear();
        return rate;
    }

    double batchCreate(int batches, int size) {
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            client.scheduleBatch(instances("b" + System.nanoTime() + "-", size), Instant.now());
        }
        double rate = batches * size / JobstoreWorkloads.seconds(start);
        clear();
        return rate;
    }

    double burnDown() throws InterruptedException {
        int jobs = JobstoreWorkloads.BURN_DOWN_JOBS;
        for (int b = 0; b < jobs / 1000; b++) {
            client.scheduleBatch(instances("burn" + b + "-", 1000), Instant.now());
        }
        long target = executed.get() + jobs;
        Scheduler scheduler = startScheduler();
        long start = System.nanoTime();
        while (executed.get() < target) {
            Thread.sleep(5);
        }
        double rate = jobs / JobstoreWorkloads.seconds(start);
        scheduler.stop();
        return rate;
    }

    /** As JobstoreWorkloads#endToEnd: two producers in batches of 100, backlog held near 2,000. */
    double endToEnd(int warmUpSeconds, int measureSeconds) throws Exception {
        Scheduler scheduler = startScheduler();
        double rate = PeerEndToEnd.run(
                (producer, batch) ->
                        client.scheduleBatch(instances("e2e" + producer + "-" + batch + "-", 100), Instant.now()),
                executed::get,
                warmUpSeconds,
                measureSeconds);
        scheduler.stop();
        return rate;
    }

    /** Schedule-to-execution-start latency with an idle scheduler: {p50, p99} in milliseconds. */
    double[] latency(int samples) throws InterruptedException {
        Scheduler scheduler = startScheduler();
        Thread.sleep(1000);
        latenciesMillis.clear();
        long target = executed.get() + samples;
        for (int i = 0; i < samples; i++) {
            // Through the scheduler itself: immediate execution applies only to what it schedules.
            scheduler.schedule(noop.instance("lat" + System.nanoTime()), Instant.now());
            Thread.sleep(20);
        }
        while (executed.get() < target) {
            Thread.sleep(10);
        }
        scheduler.stop();
        double[] millis = latenciesMillis.stream()
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        return new double[] {JobstoreWorkloads.percentile(millis, 50), JobstoreWorkloads.percentile(millis, 99)};
    }

    private Scheduler startScheduler() {
        Scheduler scheduler = Scheduler.create(dataSource, noop)
                .threads(8)
                .pollingInterval(Duration.ofMillis(100))
                .pollUsingLockAndFetch(0.5, 1.0)
                .enableImmediateExecution()
                .build();
        scheduler.start();
        return scheduler;
    }

    private List<TaskInstance<?>> instances(String prefix, int count) {
        List<TaskInstance<?>> instances = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            instances.add(noop.instance(prefix + i));
        }
        return instances;
    }

    private void clear() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("truncate scheduled_tasks");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
