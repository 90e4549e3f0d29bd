package dev.jobstore.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A fresh copy of the provisioned WildFly on PostgreSQL with the load EAR deployed, and the
 * peak heap (after each young collection, from jstat) and resident set of its JVM.
 */
final class Server implements AutoCloseable {

    private final Process process;
    private final AtomicLong peakHeapKb = new AtomicLong();
    private final AtomicLong peakRssKb = new AtomicLong();
    private Process jstat;
    private long pid;

    private Server(Process process) {
        this.process = process;
    }

    static Server start(Path provisioned, Path ear, Path work, int portOffset, String database) throws Exception {
        Path home = work.resolve("bench-server");
        deleteTree(home);
        copyTree(provisioned, home);
        Files.copy(ear, home.resolve("standalone/deployments").resolve(ear.getFileName()));
        addUser(home);
        Process process = new ProcessBuilder(
                        home.resolve("bin/standalone.sh").toString(),
                        "-c",
                        "standalone-postgresql.xml",
                        "-Djboss.socket.binding.port-offset=" + portOffset,
                        "-Djboss.node.name=bench",
                        "-Djobstore.db.name=" + database)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("bench-server.log").toFile())
                .start();
        return new Server(process);
    }

    /** The harness calls as a user with every role, added to its own copy of the server only. */
    private static void addUser(Path home) throws Exception {
        Process addUser = new ProcessBuilder(
                        home.resolve("bin/add-user.sh").toString(),
                        "-s",
                        "-a",
                        "-u",
                        Http.USER,
                        "-p",
                        Http.USER,
                        "-g",
                        "admin,producer,worker,viewer",
                        "-sc",
                        home.resolve("standalone/configuration").toString())
                .inheritIO()
                .start();
        if (addUser.waitFor() != 0) {
            throw new IllegalStateException("add-user.sh failed for the benchmark server");
        }
    }

    /** Waits for the API, then samples the server JVM's memory until closed. */
    void awaitUp(Http http) throws Exception {
        for (int i = 0; i < 240 && !http.isUp(); i++) {
            Thread.sleep(500);
        }
        if (!http.isUp()) {
            throw new IllegalStateException("the server did not start: see target/bench-server.log");
        }
        pid = process.descendants()
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .findFirst()
                .orElseThrow()
                .pid();
        jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "1000")
                .redirectErrorStream(true)
                .start();
        Thread sampler = new Thread(this::sample, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The server JVM's process id (known once {@link #awaitUp} returned). */
    long pid() {
        return pid;
    }

    long peakHeapMb() {
        return peakHeapKb.get() / 1024;
    }

    long peakRssMb() {
        return peakRssKb.get() / 1024;
    }

    /** jstat's used columns (S0U S1U EU OU) summed, and VmRSS, once a second. */
    private void sample() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream()))) {
            List<String> header = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                List<String> cells = List.of(line.trim().split("\\s+"));
                if (cells.contains("EU")) {
                    header = cells;
                    continue;
                }
                if (header == null || cells.size() != header.size()) {
                    continue;
                }
                double used = 0;
                for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                    used += Double.parseDouble(cells.get(header.indexOf(column)));
                }
                peakHeapKb.accumulateAndGet((long) used, Math::max);
                peakRssKb.accumulateAndGet(rssKb(), Math::max);
            }
        } catch (IOException | RuntimeException e) {
            // the server went away: sampling ends with it
        }
    }

    private long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    @Override
    public void close() throws Exception {
        if (jstat != null) {
            jstat.destroy();
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.onExit().get();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(file);
            }
        }
    }
}
