package dev.jobstore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The benchmark run: starts the server on PostgreSQL with the load EAR, runs every workload
 * {@code repetitions} times against it and against db-scheduler and JobRunr on the same
 * PostgreSQL (each on a database of its own), alternating them, measures the CPU each party
 * spends, and prints the table (also written to target/benchmarks.md). Args: provisioned
 * server, load EAR, work directory, port offset, repetitions, the workloads to run ("all" or a
 * comma-separated subset of {@link #WORKLOADS}), how the harness authenticates over HTTP
 * ("basic", a realm user, or "token", an API token), and whether to profile ours afterwards
 * ("true": {@link Profiles}).
 */
public final class Benchmarks {

    /** The workloads by name, for -Dbench.workloads. */
    static final Set<String> WORKLOADS = Set.of(
            "create", "batch", "burn", "http-burn", "e2e", "latency", "remote-latency", "claim", "dashboard", "prune");

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
        Database.recreate(ourDatabase);
        Database.recreate("dbscheduler_bench");
        Database.createDbSchedulerTable("dbscheduler_bench");
        Database.recreate("jobrunr_bench");
        Http http = new Http("http://127.0.0.1:" + (8080 + portOffset));
        try (Server server = Server.start(provisioned, ear, work, portOffset, ourDatabase);
                DbSchedulerWorkloads dbScheduler = new DbSchedulerWorkloads("dbscheduler_bench");
                JobRunrWorkloads jobRunr = new JobRunrWorkloads("jobrunr_bench")) {
            server.awaitUp(http);
            if (args[6].equals("token")) {
                http.useToken();
            }
            log("authenticating with " + args[6]);
            JobstoreWorkloads ours = new JobstoreWorkloads(http, ourDatabase);
            Runs runs = new Runs(new CpuMeter(server.pid()), ours, dbScheduler, jobRunr);
            log("warming up");
            runs.warmUp();
            for (int rep = 1; rep <= repetitions; rep++) {
                log("repetition " + rep + " of " + repetitions);
                runs.repeat(selected);
            }
            Report report = runs.report(server); // the peak heap before the profiled runs
            if (Boolean.parseBoolean(args[7])) {
                log("profiles: each selected workload of ours once more under JFR");
                runs.profile(selected, new Profiles(server.pid(), work.resolve("profiles")));
            }
            if (selected.contains("claim")) {
                runs.claimRates(report, repetitions);
            }
            String table = report.render(repetitions);
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

    static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
