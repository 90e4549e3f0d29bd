package dev.jobstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * JFR profiles of the server while one of our workloads runs ({@code -Dbench.profile=true}):
 * the recording ({@code jcmd JFR.start settings=profile}, every socket read kept) is written to
 * {@code target/profiles/<workload>.jfr}, and a summary beside it says where the time went: CPU
 * samples by thread group and by the jobstore method on the stack, the top frames, and the time
 * the threads spent waiting on PostgreSQL (socket reads) by thread group.
 */
final class Profiles {

    private static final int TOP = 12;

    private final long pid;
    private final Path directory;

    Profiles(long pid, Path directory) throws IOException {
        this.pid = pid;
        this.directory = Files.createDirectories(directory);
    }

    /** Runs {@code workload} under a recording named {@code name}; answers its figure. */
    <T> T record(String name, Callable<T> workload) throws Exception {
        Path file = directory.resolve(name + ".jfr");
        jcmd("JFR.start", "name=" + name, "settings=profile", "jdk.SocketRead#threshold=0ms");
        long start = System.nanoTime();
        T figure;
        try {
            figure = workload.call();
        } finally {
            jcmd("JFR.stop", "name=" + name, "filename=" + file);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String summary = summarize(name, file, took);
        Files.writeString(directory.resolve(name + ".txt"), summary);
        System.out.println(summary);
        return figure;
    }

    private void jcmd(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0 || out.contains("Exception") || out.contains("Could not")) {
            throw new IllegalStateException(String.join(" ", line) + ": " + out);
        }
    }

    static String summarize(String name, Path file, Duration took) throws IOException {
        Map<String, Integer> samplesByThread = new HashMap<>();
        Map<String, Integer> samplesByOurMethod = new HashMap<>();
        Map<String, Integer> samplesByTopFrame = new HashMap<>();
        Map<String, Duration> readsByThread = new HashMap<>();
        Map<String, Integer> readCountByThread = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                samplesByThread.merge(group(event.getThread("sampledThread")), 1, Integer::sum);
                if (!frames.isEmpty()) {
                    samplesByTopFrame.merge(method(frames.get(0)), 1, Integer::sum);
                }
                samplesByOurMethod.merge(ours(frames), 1, Integer::sum);
            } else if (type.equals("jdk.SocketRead") && event.getStackTrace() != null) {
                String where = group(event.getThread()) + " in "
                        + ours(event.getStackTrace().getFrames());
                readsByThread.merge(where, event.getDuration(), Duration::plus);
                readCountByThread.merge(where, 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder(String.format(
                "%n### Profile: %s (%s, %.1f s, %d CPU samples of the server's threads)%n",
                name, file.getFileName(), took.toMillis() / 1000.0, samples));
        out.append(table("CPU samples by thread group", samplesByThread));
        out.append(table("CPU samples by the innermost jobstore method on the stack", samplesByOurMethod));
        out.append(table("CPU samples by top frame", samplesByTopFrame));
        out.append("\nWaiting on socket reads (PostgreSQL, HTTP bodies) by thread group and innermost jobstore"
                + " method (ClusterListener's are its 500 ms polls for notifications):\n\n");
        readsByThread.entrySet().stream()
                .sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
                .limit(TOP)
                .forEach(entry -> out.append(String.format(
                        "- %s: %.2f s in %d reads%n",
                        entry.getKey(), entry.getValue().toNanos() / 1e9, readCountByThread.get(entry.getKey()))));
        return out.toString();
    }

    private static String table(String title, Map<String, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return "\n" + title + ":\n\n"
                + counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                        .limit(TOP)
                        .map(entry -> String.format(
                                "- %s: %d (%.0f%%)",
                                entry.getKey(), entry.getValue(), 100.0 * entry.getValue() / total))
                        .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The innermost jobstore method on a stack. */
    private static String ours(List<RecordedFrame> frames) {
        return frames.stream()
                .map(Profiles::method)
                .filter(method -> method.startsWith("dev.jobstore."))
                .findFirst()
                .orElse("(no jobstore frame)");
    }

    /** A thread's group: its name without the numbers that tell a pool's threads apart. */
    private static String group(RecordedThread thread) {
        return thread == null || thread.getJavaName() == null
                ? "?"
                : thread.getJavaName().replaceAll("\\d+", "N");
    }
}
