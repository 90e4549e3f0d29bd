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
 * finished a month ago, while a live queue is claimed by four HTTP workers: the prune's rows per
 * second, and the claim rate during the prune as a share of the rate just before it. The jobs and
 * the backlog are written in one statement each (they are only the setting).
 */
final class PruneTimings {

    static final int JOBS = 1_000_000;
    private static final int BACKLOG = 1_000_000;
    private static final Duration WINDOW = Duration.ofSeconds(15);
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
        String id = field(Pattern.compile("\"id\":(\\d+)"), started);
        long pruneStart = System.nanoTime();
        AtomicLong claimed = new AtomicLong();
        double during = ours.claimRateWhile(QUEUE, claimed, () -> running(id));
        double pruneSeconds = (System.nanoTime() - pruneStart) / 1e9;
        String execution = http.get("/jobstore/api/batch/executions/" + id);
        long pruned = Long.parseLong(field(WRITE, execution));
        double after = claimFor(WINDOW);
        if (pruned != JOBS) {
            throw new IllegalStateException("the prune wrote " + pruned + " of " + JOBS + ": " + execution);
        }
        return String.format(
                "%nPruning %,d finished jobs (with their results; chunks of 1,000) while 4 HTTP workers claim"
                        + " a live queue%n%n| figure | value | target |%n|---|---|---|%n"
                        + "| prune rate | %,.0f jobs/s (%,d in %.1f s) | |%n"
                        + "| claim rate before the prune (%d s) | %,.0f jobs/s | |%n"
                        + "| claim rate during the prune | %,.0f jobs/s | ≥ 80%% of before: %s (%.0f%%) |%n"
                        + "| claim rate after the prune (%d s) | %,.0f jobs/s | |%n",
                JOBS,
                pruned / pruneSeconds,
                pruned,
                pruneSeconds,
                WINDOW.toSeconds(),
                before,
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

    private boolean running(String execution) {
        String status = field(STATUS, http.get("/jobstore/api/batch/executions/" + execution));
        return status.equals("STARTING") || status.equals("STARTED");
    }

    private static String field(Pattern pattern, String json) {
        Matcher found = pattern.matcher(json);
        if (!found.find()) {
            throw new IllegalStateException(pattern + " not in " + json);
        }
        return found.group(1);
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
