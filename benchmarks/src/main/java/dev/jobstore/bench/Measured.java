package dev.jobstore.bench;

/**
 * One system's figures for one workload over the repetitions: the rate (or latency), and the
 * CPU seconds each party spent per 1,000 jobs (the server, PostgreSQL, and this harness's JVM,
 * which runs the peers and our Java client).
 */
final class Measured {

    final Figure value = new Figure();
    final Figure serverCpu = new Figure();
    final Figure databaseCpu = new Figure();
    final Figure harnessCpu = new Figure();

    static Measured none() {
        return new Measured();
    }

    /** A workload's run: its figure and what it cost, for {@code jobs} jobs. */
    void add(double figure, CpuMeter.Reading used, long jobs) {
        value.add(figure);
        serverCpu.add(used.server() * 1000 / jobs);
        databaseCpu.add(used.database() * 1000 / jobs);
        harnessCpu.add(used.harness() * 1000 / jobs);
    }

    /** The CPU per 1,000 jobs, as "server · PostgreSQL · harness" medians (the server's "—" for a peer). */
    String describeCpu(boolean hasServer) {
        if (serverCpu.isEmpty()) {
            return "";
        }
        return (hasServer ? cpu(serverCpu) : "—") + " · " + cpu(databaseCpu) + " · " + cpu(harnessCpu);
    }

    private static String cpu(Figure figure) {
        return String.format("%.2f", figure.median());
    }
}
