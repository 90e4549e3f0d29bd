package dev.jobstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by the three parties of a workload, from /proc (Linux): the jobstore server's
 * JVM, every PostgreSQL process, and this harness's JVM (which runs the peers in-process, and
 * the Java client for our remote workloads). PostgreSQL's backends keep their connections
 * through a run (pools on both sides), so their time is not lost with an exiting process.
 */
final class CpuMeter {

    /** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long serverPid;

    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    /** CPU seconds so far: {server, PostgreSQL, harness}. */
    record Reading(double server, double database, double harness) {

        Reading minus(Reading earlier) {
            return new Reading(server - earlier.server, database - earlier.database, harness - earlier.harness);
        }
    }

    Reading read() {
        return new Reading(
                seconds(serverPid),
                postgresSeconds(),
                seconds(ProcessHandle.current().pid()));
    }

    private static double postgresSeconds() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(CpuMeter::isPostgres)
                    .mapToDouble(
                            path -> seconds(Long.parseLong(path.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isPostgres(Path process) {
        try {
            return Files.readString(process.resolve("comm")).strip().startsWith("postgres");
        } catch (IOException e) {
            return false; // it exited meanwhile
        }
    }

    /** utime + stime of one process (its threads included), in seconds; 0 if it is gone. */
    private static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
