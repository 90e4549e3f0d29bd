package dev.jobstore.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The dashboard's calls against a table of 1,000,000 jobs: what each screen asks the API for,
 * timed from the client (the dashboard's own wait), after a warm-up. The jobs are written in
 * one statement (far faster than any API, and they are only the setting): ten queues, a day of
 * history, queue and status drawn at random for each job (statuses as a busy store has them:
 * 85% fulfilled, 5% failed, 2% cancelled, 7% pending, 1% running), then the table is vacuumed
 * and analyzed as autovacuum would.
 */
final class DashboardTimings {

    static final int JOBS = 1_000_000;
    private static final int QUEUES = 10;
    private static final int WARM_UP = 5;
    private static final int SAMPLES = 40;
    private static final String API = "/jobstore/api/";

    private final Http http;
    private final String database;

    DashboardTimings(Http http, String database) {
        this.http = http;
        this.database = database;
    }

    /** Fills the table, times each call, and returns the report's table. */
    String run() throws SQLException {
        fill();
        String someId = Http.first(Http.ID, http.get(API + "jobs?queue=dash-3&limit=1"));
        String[][] calls = {
            {"overview: queues with counts", "queues"},
            {"overview: history, last hour", "history?window=PT1H"},
            {"overview: history, last day", "history?window=P1D&step=PT10M"},
            {"jobs: first page, no filter", "jobs?limit=50"},
            {"jobs: first page of a queue", "jobs?queue=dash-3&limit=50"},
            {"jobs: first page of a queue's FAILED", "jobs?queue=dash-3&status=FAILED&limit=50"},
            {"jobs: count of a queue's FAILED", "jobs/count?queue=dash-3&status=FAILED"},
            {"jobs: count, no filter", "jobs/count"},
            {"jobs: payload text, a common word", "jobs?text=customer-7&limit=50"},
            {"jobs: payload text, one job", "jobs?text=%22order%22%3A777777%2C&limit=50"},
            {"job detail", "jobs/" + someId},
            {"workers", "workers"},
        };
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "%nDashboard calls with %,d jobs in the table (ms, %d calls each after %d to warm up)%n%n",
                JOBS, SAMPLES, WARM_UP));
        out.append("| call | p50 | p95 | max | target |\n|---|---|---|---|---|\n");
        for (String[] call : calls) {
            double[] ms = time(API + call[1]);
            boolean targeted = call[0].startsWith("overview") || call[0].equals("jobs: first page, no filter");
            out.append(String.format(
                    "| %s (`GET /%s`) | %.1f | %.1f | %.1f | %s |%n",
                    call[0],
                    call[1],
                    percentile(ms, 50),
                    percentile(ms, 95),
                    ms[ms.length - 1],
                    targeted ? "< 200" : ""));
        }
        // The prune workload after this one measures a table without these million jobs
        try (Connection connection = Database.connect(database)) {
            Database.clearQueues(
                    connection,
                    IntStream.range(0, QUEUES).mapToObj(q -> "dash-" + q).toArray(String[]::new));
        }
        return out.toString();
    }

    private double[] time(String path) {
        for (int i = 0; i < WARM_UP; i++) {
            http.get(path);
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            http.get(path);
            ms.add((System.nanoTime() - start) / 1e6);
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private void fill() throws SQLException {
        try (Connection connection = Database.connect(database);
                Statement sql = connection.createStatement()) {
            sql.executeUpdate("""
                    insert into job (id, queue, status, payload, priority, attempts, max_attempts, releases,
                                     backoff_initial_ms, backoff_max_ms, backoff_multiplier,
                                     created_at, run_at, updated_at, finished_at, version,
                                     lease_owner, lease_token, lease_expires_at)
                    select gen_random_uuid(), 'dash-' || floor(random() * %d)::int, s.status,
                           '{"order":' || g || ',"customer":"customer-' || (g %% 5000) || '","lines":[1,2,3]}',
                           0, case when s.status = 'PENDING' then 0 else 1 end, 3, 0, 1000, 3600000, 2.0,
                           c.at, c.at, c.at,
                           case when s.status in ('FULFILLED', 'FAILED', 'CANCELLED') then c.at end, 1,
                           case when s.status = 'RUNNING' then 'worker-' || (g %% 40) end,
                           case when s.status = 'RUNNING' then gen_random_uuid()::text end,
                           case when s.status = 'RUNNING' then now() + interval '10 minutes' end
                    from generate_series(1, %d) g
                    cross join lateral (select now() - interval '1 day' + g * interval '86 milliseconds' as at) c
                    cross join lateral (select case when r < 0.85 then 'FULFILLED' when r < 0.90 then 'FAILED'
                                                    when r < 0.92 then 'CANCELLED' when r < 0.99 then 'PENDING'
                                                    else 'RUNNING' end as status from (select random() + 0 * g as r) x) s
                    """.formatted(QUEUES, JOBS));
            sql.executeUpdate("""
                    insert into queue_minute (queue, minute_start, created, fulfilled, failed, pending, running)
                    select 'dash-' || q, date_trunc('minute', now()) - m * interval '1 minute', 70, 60, 4, 4900, 70
                    from generate_series(0, %d) q, generate_series(0, 1439) m
                    on conflict do nothing
                    """.formatted(QUEUES - 1));
            sql.execute("vacuum analyze job");
            sql.execute("vacuum analyze queue_minute");
        }
    }
}
