package dev.jobstore.bench;

import dev.jobstore.bench.Report.Row;
import java.util.List;
import java.util.Set;

/** The workloads of one benchmark run on the three systems, their figures, and the report rows with their targets. */
final class Runs {

    private static final int BURN = JobstoreWorkloads.BURN_DOWN_JOBS;
    private static final long WARM_UP_SECONDS = 150;

    /** One workload's run, answering its figure. */
    private interface Workload {
        double run() throws Exception;
    }

    private final CpuMeter cpu;
    private final JobstoreWorkloads ours;
    private final DbSchedulerWorkloads dbScheduler;
    private final JobRunrWorkloads jobRunr;

    private final Measured createJava = new Measured(), createJavaDbs = new Measured(), createJavaJr = new Measured();
    private final Measured createHttp = new Measured();
    private final Measured batch = new Measured(), batchDbs = new Measured(), batchJr = new Measured();
    private final Measured batchHttp = new Measured();
    private final Measured burn = new Measured(), burnDbs = new Measured(), burnJr = new Measured();
    private final Measured httpBurn = new Measured();
    private final Measured e2e = new Measured(), e2eDbs = new Measured(), e2eJr = new Measured();
    private final Measured p50 = new Measured(), p50Dbs = new Measured(), p50Jr = new Measured();
    private final Measured p99 = new Measured(), p99Dbs = new Measured(), p99Jr = new Measured();
    private final Measured remoteP50 = new Measured(), remoteP99 = new Measured();

    Runs(CpuMeter cpu, JobstoreWorkloads ours, DbSchedulerWorkloads dbScheduler, JobRunrWorkloads jobRunr) {
        this.cpu = cpu;
        this.ours = ours;
        this.dbScheduler = dbScheduler;
        this.jobRunr = jobRunr;
    }

    /**
     * Runs each system's paths until its JIT has compiled them: creates, batches and a burn-down
     * each. A fresh WildFly on 2 cores keeps its C2 compiler thread busy for minutes (a profile
     * showed it taking a core while a single create loop ran at a third of its warm rate), so
     * ours runs its round for {@link #WARM_UP_SECONDS} at least.
     */
    void warmUp() throws Exception {
        long until = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
        do {
            ours.createJavaApi(10_000);
            ours.createHttp(2000);
            ours.batchCreateJavaApi(10, 1000);
            ours.batchCreateHttp(10, 1000);
            ours.clearCreated();
            ours.burnDown();
            ours.httpBurnDown(8);
            ours.latency(100);
        } while (System.nanoTime() < until);
        dbScheduler.create(5000);
        dbScheduler.batchCreate(10, 1000);
        dbScheduler.burnDown();
        jobRunr.create(5000);
        jobRunr.batchCreate(10, 1000);
    }

    void repeat(Set<String> selected) throws Exception {
        if (selected.contains("create")) {
            runCreates(createJava, "create, Java API", 2000, () -> ours.createJavaApi(2000));
            run(createJavaDbs, "create, db-scheduler", 2000, () -> dbScheduler.create(2000));
            run(createJavaJr, "create, JobRunr", 2000, () -> jobRunr.create(2000));
            runCreates(createHttp, "create, HTTP (Java client)", 1000, () -> ours.createHttp(1000));
        }
        if (selected.contains("batch")) {
            runCreates(batch, "batch create, Java API", 20_000, () -> ours.batchCreateJavaApi(20, 1000));
            run(batchDbs, "batch create, db-scheduler", 20_000, () -> dbScheduler.batchCreate(20, 1000));
            run(batchJr, "batch create, JobRunr", 20_000, () -> jobRunr.batchCreate(20, 1000));
            runCreates(batchHttp, "batch create, HTTP (Java client)", 20_000, () -> ours.batchCreateHttp(20, 1000));
        }
        if (selected.contains("burn")) {
            run(burn, "burn-down", BURN, ours::burnDown);
            run(burnDbs, "burn-down, db-scheduler", BURN, dbScheduler::burnDown);
            run(burnJr, "burn-down, JobRunr", BURN, jobRunr::burnDown);
        }
        if (selected.contains("http-burn")) {
            run(httpBurn, "burn-down over HTTP (Java client)", BURN, () -> ours.httpBurnDown(8));
        }
        if (selected.contains("e2e")) {
            record(e2e, "end-to-end", ours.endToEnd(3, 8));
            record(e2eDbs, "end-to-end, db-scheduler", dbScheduler.endToEnd(3, 8));
            record(e2eJr, "end-to-end, JobRunr", jobRunr.endToEnd(3, 8));
        }
        if (selected.contains("latency")) {
            latency(p50, p99, "latency", ours.latency(200));
            latency(p50Dbs, p99Dbs, "latency, db-scheduler", dbScheduler.latency(200));
            latency(p50Jr, p99Jr, "latency, JobRunr", jobRunr.latency(200));
        }
        if (selected.contains("remote-latency")) {
            latency(remoteP50, remoteP99, "latency, remote worker (Java client)", ours.remoteLatency(200));
        }
    }

    /**
     * Each selected workload of ours once more, under JFR on the server ({@link Profiles}); the
     * figures are logged, not reported: a recording costs the server some of its speed.
     */
    void profile(Set<String> selected, Profiles profiles) throws Exception {
        record Profiled(String name, String workload, Workload run) {}
        List<Profiled> profiled = List.of(
                new Profiled("create", "create", () -> ours.createJavaApi(5000)),
                new Profiled("batch", "batch", () -> ours.batchCreateJavaApi(20, 1000)),
                new Profiled("batch-http", "batch", () -> ours.batchCreateHttp(20, 1000)),
                new Profiled("burn", "burn", ours::burnDown),
                new Profiled("http-burn", "http-burn", () -> ours.httpBurnDown(8)),
                new Profiled("e2e", "e2e", () -> ours.endToEnd(3, 8)),
                new Profiled("latency", "latency", () -> ours.latency(200)[0]),
                new Profiled("remote-latency", "remote-latency", () -> ours.remoteLatency(200)[0]));
        for (Profiled each : profiled) {
            if (selected.contains(each.workload())) {
                double figure = profiles.record(each.name(), each.run()::run);
                if (Set.of("create", "batch").contains(each.workload())) {
                    ours.clearCreated();
                }
                Benchmarks.log("profiled " + each.name() + ": " + Figure.format(figure)
                        + (each.name().endsWith("latency") ? " ms (p50)" : " jobs/s"));
            }
        }
    }

    /**
     * As {@link #run}, then deletes the created jobs outside the measurement (the peers truncate
     * theirs inside theirs, which costs next to nothing; our delete and vacuum do cost).
     */
    private void runCreates(Measured into, String what, long jobs, Workload workload) throws Exception {
        run(into, what, jobs, workload);
        ours.clearCreated();
    }

    /** Runs {@code workload} for {@code jobs} jobs and records its figure and the CPU it cost. */
    private void run(Measured into, String what, long jobs, Workload workload) throws Exception {
        CpuMeter.Reading before = cpu.read();
        double figure = workload.run();
        into.add(figure, cpu.read().minus(before), jobs);
        Benchmarks.log(what + ": " + Figure.format(figure));
    }

    private static void record(Measured into, String what, double figure) {
        into.value.add(figure);
        Benchmarks.log(what + ": " + Figure.format(figure));
    }

    private static void latency(Measured p50, Measured p99, String what, double[] millis) {
        record(p50, what + " p50", millis[0]);
        record(p99, what + " p99", millis[1]);
    }

    Report report(Server server) {
        Measured none = Measured.none();
        Report report = new Report();
        report.add(new Row(
                "1. create, one job per call, Java API (1 thread)",
                "jobs/s",
                createJava,
                createJavaDbs,
                createJavaJr,
                true,
                "≥ 1.2× db-scheduler",
                atLeast(createJava, createJavaDbs, 1.2)));
        report.add(
                Row.oursOnly("1. create, one job per call, HTTP, Java client (1 thread)", "jobs/s", createHttp, true));
        report.add(new Row(
                "1. batch create, 1,000 per call, Java API (theirs scheduleBatch, enqueue(Stream))",
                "jobs/s",
                batch,
                batchDbs,
                batchJr,
                true,
                "≥ 1.2× db-scheduler",
                atLeast(batch, batchDbs, 1.2)));
        report.add(Row.oursOnly(
                "1. batch create, 1,000 per call, HTTP, Java client (ids-only answers)", "jobs/s", batchHttp, true));
        report.add(new Row(
                "2. burn-down 20,000, 8 in-process workers",
                "jobs/s",
                burn,
                burnDbs,
                burnJr,
                true,
                "≥ 5× db-scheduler, ahead of JobRunr",
                both(atLeast(burn, burnDbs, 5), atLeast(burn, burnJr, 1))));
        report.add(new Row(
                "3. burn-down 20,000, Java client over HTTP, 8 handler threads",
                "jobs/s",
                httpBurn,
                none,
                none,
                true,
                "≥ 2× db-scheduler's in-process, ≥ 0.7× ours in-process",
                both(atLeast(httpBurn, burnDbs, 2), atLeast(httpBurn, burn, 0.7))));
        report.add(new Row(
                "4. end-to-end, 2 producers + 8 in-process workers",
                "jobs/s",
                e2e,
                e2eDbs,
                e2eJr,
                true,
                "≥ 4× db-scheduler, ahead of JobRunr",
                both(atLeast(e2e, e2eDbs, 4), atLeast(e2e, e2eJr, 1))));
        report.add(new Row(
                "5. latency create → handler start, p50",
                "ms",
                p50,
                p50Dbs,
                p50Jr,
                false,
                "≤ db-scheduler's",
                atLeast(p50Dbs, p50, 1)));
        report.add(new Row(
                "5. latency create → handler start, p99",
                "ms",
                p99,
                p99Dbs,
                p99Jr,
                false,
                "≤ 10",
                p99.value.isEmpty() ? null : p99.value.median() <= 10));
        report.add(Row.oursOnly(
                "5. latency create → remote handler start (Java client long-polling), p50", "ms", remoteP50, false));
        report.add(Row.oursOnly(
                "5. latency create → remote handler start (Java client long-polling), p99", "ms", remoteP99, false));
        report.add(new Row(
                "7. server heap, peak used",
                "MB",
                fixed(server.peakHeapMb()),
                none,
                none,
                false,
                "≤ 512",
                server.peakHeapMb() <= 512));
        report.add(Row.oursOnly("7. server RSS, peak", "MB", fixed(server.peakRssMb()), false));
        return report;
    }

    /** The claim rates at 10,000 and 1,000,000 jobs of backlog (four HTTP claimers, max=50). */
    void claimRates(Report report, int repetitions) throws Exception {
        Benchmarks.log("claim rates: 10,000 backlog");
        Measured claim10k = claimRate("bench-claim-10k", 10_000, repetitions);
        Benchmarks.log("claim rates: 1,000,000 backlog (inserting it takes a while)");
        Measured claim1m = claimRate("bench-claim-1m", 1_000_000, repetitions);
        // The backlogs were only these workloads' setting: the later ones run without them.
        ours.clear("bench-claim-10k", "bench-claim-1m");
        Measured none = Measured.none();
        report.add(Row.oursOnly("6. claim rate, 10,000 backlog (4 HTTP claimers, max=50)", "jobs/s", claim10k, true));
        report.add(new Row(
                "6. claim rate, 1,000,000 backlog",
                "jobs/s",
                claim1m,
                none,
                none,
                true,
                "≥ 80% of 10,000's",
                claim1m.value.median() >= 0.8 * claim10k.value.median()));
        report.note(String.format(
                "Claim rate at 1,000,000 backlog ÷ at 10,000: %.0f%%",
                100 * claim1m.value.median() / claim10k.value.median()));
    }

    private Measured claimRate(String queue, int backlog, int repetitions) throws Exception {
        Measured rates = new Measured();
        ours.addBacklog(queue, backlog);
        for (int rep = 0; rep < repetitions; rep++) {
            // no CPU figure: the backlog's inserts end PostgreSQL backends between the readings
            record(rates, "claim rate, " + queue, ours.claimRate(queue, 2000));
            ours.addBacklog(queue, 2000); // back to the backlog it had
        }
        return rates;
    }

    private static Measured fixed(double value) {
        Measured measured = new Measured();
        measured.value.add(value);
        return measured;
    }

    /** Whether {@code ours} is at least {@code factor} × {@code theirs} (medians); null if one is missing. */
    private static Boolean atLeast(Measured ours, Measured theirs, double factor) {
        if (ours.value.isEmpty() || theirs.value.isEmpty()) {
            return null;
        }
        return ours.value.median() >= factor * theirs.value.median();
    }

    private static Boolean both(Boolean first, Boolean second) {
        return first == null || second == null ? null : first && second;
    }
}
