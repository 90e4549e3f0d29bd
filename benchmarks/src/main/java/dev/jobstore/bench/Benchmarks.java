package dev.jobstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The benchmark run: starts the server on PostgreSQL with the load EAR, runs every workload
 * {@code repetitions} times against it and against db-scheduler on the same PostgreSQL,
 * alternating the two, and prints the table (also written to target/benchmarks.md).
 * Args: provisioned server, load EAR, work directory, port offset, repetitions, the workloads
 * to run ("all" or a comma-separated subset of {@link #WORKLOADS}), and how the harness
 * authenticates over HTTP ("basic", a realm user, or "token", an API token).
 */
public final class Benchmarks {

    /** The workloads by name, for -Dbench.workloads. */
    static final Set<String> WORKLOADS =
            Set.of("create", "batch", "burn", "http-burn", "e2e", "latency", "claim", "dashboard", "prune");

    private record Row(
            String workload, String unit, Figure ours, Figure theirs, boolean higherIsBetter, String target) {}

    public static void main(String[] args) throws Exception {
        Path provisioned = Path.of(args[0]);
        Path ear = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int portOffset = Integer.parseInt(args[3]);
        int repetitions = Integer.parseInt(args[4]);
        Set<String> selected = args[5].equals("all") ? WORKLOADS : Set.of(args[5].split(","));
        if (!WORKLOADS.containsAll(selected)) {
            throw new IllegalArgumentException(
                    "bench.workloads: expected 'all' or some of " + WORKLOADS + ", got " + args[5]);
        }
        String ourDatabase = "jobstore_bench";
        String theirDatabase = "dbscheduler_bench";
        Database.recreate(ourDatabase);
        Database.recreate(theirDatabase);
        Database.createDbSchedulerTable(theirDatabase);
        Http http = new Http("http://127.0.0.1:" + (8080 + portOffset));
        List<Row> rows = new ArrayList<>();
        try (Server server = Server.start(provisioned, ear, work, portOffset, ourDatabase);
                DbSchedulerWorkloads theirs = new DbSchedulerWorkloads(theirDatabase)) {
            server.awaitUp(http);
            if (args[6].equals("token")) {
                http.useToken();
            }
            log("authenticating with " + args[6]);
            JobstoreWorkloads ours = new JobstoreWorkloads(http, ourDatabase);
            log("warming up");
            ours.createJavaApi(1000);
            ours.createHttp(500);
            ours.batchCreateHttp(5, 1000);
            ours.latency(50);
            theirs.create(500);

            Figure createJava = new Figure(), createJavaTheirs = new Figure(), createHttp = new Figure();
            Figure batch = new Figure(), batchTheirs = new Figure(), burn = new Figure(), burnTheirs = new Figure();
            Figure httpBurn = new Figure(), e2e = new Figure(), e2eTheirs = new Figure();
            Figure p50 = new Figure(), p99 = new Figure(), p50Theirs = new Figure(), p99Theirs = new Figure();
            for (int rep = 1; rep <= repetitions; rep++) {
                log("repetition " + rep + " of " + repetitions);
                if (selected.contains("create")) {
                    record(createJava, "create, Java API", ours.createJavaApi(2000));
                    record(createJavaTheirs, "create, db-scheduler", theirs.create(2000));
                    record(createHttp, "create, HTTP", ours.createHttp(1000));
                }
                if (selected.contains("batch")) {
                    record(batch, "batch create", ours.batchCreateHttp(20, 1000));
                    record(batchTheirs, "batch create, db-scheduler", theirs.batchCreate(20, 1000));
                }
                if (selected.contains("burn")) {
                    record(burn, "burn-down", ours.burnDown());
                    record(burnTheirs, "burn-down, db-scheduler", theirs.burnDown());
                }
                if (selected.contains("http-burn")) {
                    record(httpBurn, "burn-down over HTTP", ours.httpBurnDown(8));
                }
                if (selected.contains("e2e")) {
                    record(e2e, "end-to-end", ours.endToEnd(3, 8));
                    record(e2eTheirs, "end-to-end, db-scheduler", theirs.endToEnd(3, 8));
                }
                if (selected.contains("latency")) {
                    double[] latency = ours.latency(200);
                    record(p50, "latency p50", latency[0]);
                    record(p99, "latency p99", latency[1]);
                    double[] latencyTheirs = theirs.latency(200);
                    record(p50Theirs, "latency p50, db-scheduler", latencyTheirs[0]);
                    record(p99Theirs, "latency p99, db-scheduler", latencyTheirs[1]);
                }
            }
            Figure claim10k = new Figure(), claim1m = new Figure();
            if (selected.contains("claim")) {
                log("claim rates: 10,000 backlog");
                claim10k = claimRates(ours, "bench-claim-10k", 10_000, repetitions);
                log("claim rates: 1,000,000 backlog (inserting it takes a while)");
                claim1m = claimRates(ours, "bench-claim-1m", 1_000_000, repetitions);
            }

            rows.add(new Row(
                    "1. create, one job per call, Java API (1 thread)",
                    "jobs/s",
                    createJava,
                    createJavaTheirs,
                    true,
                    ""));
            rows.add(new Row(
                    "1. create, one job per call, HTTP (1 thread)", "jobs/s", createHttp, Figure.none(), true, ""));
            rows.add(new Row(
                    "1. batch create, 1,000 per call (HTTP; theirs scheduleBatch)",
                    "jobs/s",
                    batch,
                    batchTheirs,
                    true,
                    "≥ 15,000"));
            rows.add(new Row(
                    "2. burn-down 20,000, 8 in-process workers", "jobs/s", burn, burnTheirs, true, "≥ 1.5× theirs"));
            rows.add(new Row(
                    "3. burn-down 20,000, 8 HTTP workers, max=50", "jobs/s", httpBurn, Figure.none(), true, ""));
            rows.add(new Row(
                    "4. end-to-end, 2 producers + 8 in-process workers", "jobs/s", e2e, e2eTheirs, true, "≥ 4,500"));
            rows.add(new Row("5. latency create → handler start, p50", "ms", p50, p50Theirs, false, "≤ 5"));
            rows.add(new Row("5. latency create → handler start, p99", "ms", p99, p99Theirs, false, "≤ 50"));
            rows.add(new Row(
                    "6. claim rate, 10,000 backlog (4 HTTP claimers, max=50)",
                    "jobs/s",
                    claim10k,
                    Figure.none(),
                    true,
                    ""));
            rows.add(new Row(
                    "6. claim rate, 1,000,000 backlog", "jobs/s", claim1m, Figure.none(), true, "≥ 80% of 10,000's"));
            rows.add(new Row(
                    "7. server heap, peak used",
                    "MB",
                    new Figure().add(server.peakHeapMb()),
                    Figure.none(),
                    false,
                    "≤ 512"));
            rows.add(new Row(
                    "7. server RSS, peak", "MB", new Figure().add(server.peakRssMb()), Figure.none(), false, ""));
            String table = table(rows, claim10k, claim1m, repetitions);
            if (selected.contains("dashboard")) {
                log("dashboard calls: 1,000,000 jobs (inserting them takes a while)");
                table += new DashboardTimings(http, ourDatabase).run();
            }
            if (selected.contains("prune")) {
                log("prune: 1,000,000 finished jobs and a backlog of 1,000,000 (inserting them takes a while)");
                table += new PruneTimings(http, ours, ourDatabase).run();
            }
            System.out.println(table);
            Files.writeString(work.resolve("benchmarks.md"), table);
        }
    }

    /** Adds {@code value} to {@code figure} and logs it, so a long run shows its progress. */
    private static void record(Figure figure, String what, double value) {
        figure.add(value);
        log(what + ": " + Figure.format(value));
    }

    private static Figure claimRates(JobstoreWorkloads ours, String queue, int backlog, int repetitions)
            throws Exception {
        Figure rates = new Figure();
        ours.addBacklog(queue, backlog);
        for (int rep = 0; rep < repetitions; rep++) {
            record(rates, "claim rate, " + queue, ours.claimRate(queue, 2000));
            ours.addBacklog(queue, 2000); // back to the backlog it had
        }
        return rates;
    }

    private static String table(List<Row> rows, Figure claim10k, Figure claim1m, int repetitions) {
        StringBuilder out = new StringBuilder();
        out.append("Median of ")
                .append(repetitions)
                .append(" repetitions [min–max]; ratio: ours ÷ theirs for rates, ")
                .append("theirs ÷ ours for latencies (above 1: ours is better).\n\n");
        out.append("| workload | unit | jobstore | db-scheduler 16.12.0 | ratio | target |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            if (row.ours().isEmpty()) {
                continue; // a workload not selected
            }
            String ratio = row.theirs().isEmpty()
                    ? ""
                    : String.format(
                            "%.2f×",
                            row.higherIsBetter()
                                    ? row.ours().median() / row.theirs().median()
                                    : row.theirs().median() / row.ours().median());
            out.append("| ")
                    .append(row.workload())
                    .append(" | ")
                    .append(row.unit())
                    .append(" | ")
                    .append(row.ours().describe())
                    .append(" | ")
                    .append(row.theirs().describe())
                    .append(" | ")
                    .append(ratio)
                    .append(" | ")
                    .append(row.target())
                    .append(" |\n");
        }
        if (!claim1m.isEmpty()) {
            out.append(String.format(
                    "%nClaim rate at 1,000,000 backlog ÷ at 10,000: %.0f%%%n",
                    100 * claim1m.median() / claim10k.median()));
        }
        return out.toString();
    }

    private static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
