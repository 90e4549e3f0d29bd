package dev.jobstore.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code prune-finished-jobs} on 1,000,000 FULFILLED jobs (each with its stored result) that
 * finished a month ago, and a live queue claimed by four HTTP workers for 15 s before the prune,
 * 45 s during it (from 5 s in) and 15 s after it: the prune's rows per second, and the claim rate
 * during the prune as a share of the rate just before it. The jobs and
 * the backlog are written in one statement each (they are only the setting).
 */
final class PruneTimings {

    static final int JOBS = 1_000_000;
    private static final int BACKLOG = 1_000_000;
    private static final Duration WINDOW = Duration.ofSeconds(15);
    private static final Duration DURING = Duration.ofSeconds(45);
    private static final String QUEUE = "bench-prune-live";
    private static final Pattern WRITE = Pattern.compile("\"write\":(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z]+)\"");

    private final Http http;
    private final JobstoreWorkloads ours;
    private final String database;

    PruneTimings(Http http, JobstoreWorkloads ours, String database) {
        this.http = http;
        this.ours = ours;
        this.database = database;
    }

    String run() throws Exception {
        fill();
        ours.addBacklog(QUEUE, BACKLOG);
        ours.claimRate(QUEUE, 20_000); // warm-up
        double before = claimFor(WINDOW);
        String started = http.post(
                "/jobstore/api/batch/jobs/prune-finished-jobs/executions",
                "{\"parameters\":{\"fulfilled\":\"P7D\",\"failed\":\"0\",\"cancelled\":\"0\"}}");
        String id = Http.first(Pattern.compile("\"id\":(\\d+)"), started);
        long pruneStart = System.nanoTime();
        Thread.sleep(5_000); // into its stride
        long prunedBefore = written(id);
        long windowStart = System.nanoTime();
        double during = claimFor(DURING);
        double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
        long prunedInWindow = written(id) - prunedBefore;
        if (!running(id)) {
            throw new IllegalStateException("the prune ended within the window: make it larger");
        }
        while (running(id)) {
            Thread.sleep(500);
        }
        double pruneSeconds = (System.nanoTime() - pruneStart) / 1e9;
        long pruned = written(id);
        double after = claimFor(WINDOW);
        if (pruned != JOBS) {
            throw new IllegalStateException("the prune wrote " + pruned + " of " + JOBS);
        }
        return String.format(
                "%nPruning %,d finished jobs (with their results; chunks of 1,000; workShare 0.5) while 4 HTTP"
                        + " workers claim a live queue%n%n| figure | value | target |%n|---|---|---|%n"
                        + "| prune rate, whole run | %,.0f jobs/s (%,d in %.1f s) | |%n"
                        + "| prune rate while the queue is claimed (%d s) | %,.0f jobs/s | |%n"
                        + "| claim rate before the prune (%d s) | %,.0f jobs/s | |%n"
                        + "| claim rate during the prune (%d s, from 5 s in) | %,.0f jobs/s | ≥ 80%% of before: %s (%.0f%%) |%n"
                        + "| claim rate after the prune (%d s) | %,.0f jobs/s | |%n",
                JOBS,
                pruned / pruneSeconds,
                pruned,
                pruneSeconds,
                DURING.toSeconds(),
                prunedInWindow / windowSeconds,
                WINDOW.toSeconds(),
                before,
                DURING.toSeconds(),
                during,
                during >= 0.8 * before ? "met" : "missed",
                100 * during / before,
                WINDOW.toSeconds(),
                after);
    }

    private double claimFor(Duration window) throws Exception {
        Instant end = Instant.now().plus(window);
        return ours.claimRateWhile(QUEUE, new AtomicLong(), () -> Instant.now().isBefore(end));
    }

    private long written(String execution) {
        Matcher write = WRITE.matcher(http.get("/jobstore/api/batch/executions/" + execution));
        return write.find() ? Long.parseLong(write.group(1)) : 0;
    }

    private boolean running(String execution) {
        String status = Http.first(STATUS, http.get("/jobstore/api/batch/executions/" + execution));
        return status.equals("STARTING") || status.equals("STARTED");
    }

    private void fill() throws SQLException {
        try (Connection connection = Database.connect(database);
                Statement sql = connection.createStatement()) {
            sql.executeUpdate("""
                    insert into job (id, queue, status, payload, priority, attempts, max_attempts, releases,
                                     backoff_initial_ms, backoff_max_ms, backoff_multiplier,
                                     created_at, run_at, updated_at, finished_at, version)
                    select gen_random_uuid(), 'bench-prune-' || (g %% 10), 'FULFILLED', '{"order":' || g || '}',
                           0, 1, 3, 0, 1000, 3600000, 2.0, c.at, c.at, c.at, c.at, 2
                    from generate_series(1, %d) g
                    cross join lateral (select now() - interval '30 days' + g * interval '1 millisecond' as at) c
                    """.formatted(JOBS));
            sql.executeUpdate("""
                    insert into job_result (job_id, content_type, content)
                    select id, 'application/json', convert_to('{"done":true,"order":' || payload || '}', 'UTF8')
                    from job where queue like 'bench-prune-%'
                    """);
            sql.execute("vacuum analyze job");
            sql.execute("vacuum analyze job_result");
        }
    }
}
