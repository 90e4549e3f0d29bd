import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A WildFly node of the chaos check, started by chaos.sh (nodes.sh): the check kills it, stops it
 * gracefully, undeploys its application and starts it again with the same settings.
 */
final class Node {

    final String name;
    final String api;
    private final Path dir;
    private final List<String> serverArguments;
    /** The process group of its server (standalone.sh and the JVM it starts). */
    private long group;

    /** {@code spec}: name|api|directory|process group|server arguments separated by spaces. */
    Node(String spec) {
        String[] parts = spec.split("\\|");
        this.name = parts[0];
        this.api = parts[1];
        this.dir = Path.of(parts[2]);
        this.group = Long.parseLong(parts[3]);
        this.serverArguments = List.of(parts[4].split(" "));
    }

    /** The application name of its database sessions (the datasource sets it from the node name). */
    String sessions() {
        return "jobstore-" + name;
    }

    /** kill -9 of the whole server, as a crash or the OOM killer would. */
    void kill() {
        signal("KILL");
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as an orchestrator stopping the node: it undeploys gracefully, then exits. */
    Duration terminate() {
        long start = System.nanoTime();
        signal("TERM");
        if (!awaitExit(Duration.ofSeconds(60))) {
            signal("KILL");
            throw new IllegalStateException(name + " did not stop within 60 s of SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    void start() {
        List<String> command = new ArrayList<>(List.of("setsid", dir.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-postgresql.xml"));
        command.addAll(serverArguments);
        try {
            File log = new File(dir + ".log");
            Process server = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
            group = server.pid(); // setsid makes it the leader of a new process group
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** Waits until its API answers; false if it does not within {@code timeout}. */
    boolean awaitApi(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Api.get(api + "/queues").ok()) {
                return true;
            }
            Api.pause(500);
        }
        return false;
    }

    /** Undeploys (true) or deploys again (false) the application, by the management CLI. */
    void undeploy(boolean undeploy) {
        String deployment = "jobstore-load.ear";
        run(dir.resolve("bin/jboss-cli.sh").toString(), "-c", "--controller=127.0.0.1:" + (9990 + offset()),
                "--command=deployment " + (undeploy ? "disable " : "enable ") + deployment);
    }

    /** Its Prometheus metrics, from the management port. */
    String metrics() {
        return Api.get("http://127.0.0.1:" + (9990 + offset()) + "/metrics").body();
    }

    /** The resident memory of its JVM, in MB, or -1 when it does not run. */
    long residentMegabytes() {
        try {
            Process ps = new ProcessBuilder("ps", "-o", "rss=,comm=", "-g", String.valueOf(group)).start();
            String lines = new String(ps.getInputStream().readAllBytes());
            ps.waitFor();
            return lines.lines()
                    .map(String::strip)
                    .filter(line -> line.endsWith("java"))
                    .mapToLong(line -> Long.parseLong(line.split("\\s+")[0]) / 1024)
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private int offset() {
        return Integer.parseInt(serverArguments.stream()
                .filter(argument -> argument.startsWith("-Djboss.socket.binding.port-offset="))
                .findFirst()
                .orElseThrow()
                .split("=")[1]);
    }

    /**
     * Whether a process of its group still runs (standalone.sh may end before the JVM it started;
     * a zombie waiting for its parent does not count).
     */
    boolean running() {
        try {
            Process ps = new ProcessBuilder("ps", "-o", "stat=", "-g", String.valueOf(group)).start();
            String states = new String(ps.getInputStream().readAllBytes());
            ps.waitFor();
            return states.lines().anyMatch(state -> !state.strip().startsWith("Z"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void signal(String signal) {
        run("kill", "-" + signal, "--", "-" + group);
    }

    private boolean awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!running()) {
                return true;
            }
            Api.pause(100);
        }
        return false;
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (process.waitFor() != 0) {
                System.out.println("  " + String.join(" ", command) + ": exit " + process.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
