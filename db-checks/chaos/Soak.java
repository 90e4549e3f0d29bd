import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak (documented, not in CI): the two nodes at 70% of their measured end-to-end capacity
 * for {@code minutes}, with one of the chaos events at random (seeded) every two to four minutes,
 * a table row every ten minutes (heap in the old generation, RSS, threads, database sessions, waiting pulls,
 * claim latency p99 per node) and the history classified at the end.
 */
final class Soak {

    private static final Pattern CLAIM_BUCKET =
            Pattern.compile("jobstore_claim_buckets_total\\{[^}]*le=\"([^\"]+)\"[^}]*queue=\"load\"[^}]*} ([0-9.eE+-]+)");

    private record Event(String name, Runnable run) {}

    private Soak() {}

    static void run(int minutes, long seed) {
        Random random = new Random(seed);
        double capacity = capacity();
        double rate = Math.round(capacity * 0.7);
        System.out.printf("soak: end-to-end capacity %.0f jobs/s; %d minutes at %.0f jobs/s, seed %d%n",
                capacity, minutes, rate, seed);
        Chaos.load.rate(rate);
        List<Event> events = List.of(
                new Event("listen-kill", Chaos::listenKills),
                new Event("connection-storm", Chaos::connectionStorm),
                new Event("locks-held-outside", unchecked(Chaos::locksHeldOutside)),
                new Event("pool-starvation", unchecked(Chaos::poolStarvation)),
                new Event("kill -9", () -> Stops.repeatedKills(1)),
                new Event("graceful stops", () -> {
                    Stops.gracefulStops();
                    Chaos.b.start();
                    Chaos.check("restart", Chaos.b.awaitApi(Duration.ofSeconds(300)), "node B did not start");
                }));
        long start = System.nanoTime();
        long nextEvent = start + seconds(120 + random.nextInt(120));
        long nextRow = start;
        List<String> happened = new ArrayList<>();
        Map<Node, Map<String, Double>> claimsBefore = new HashMap<>();
        long createdBefore = 0;
        long fulfilledBefore = 0;
        printHeader();
        while (true) {
            long now = System.nanoTime();
            if (now >= nextRow) {
                long created = Chaos.load.acknowledged.size();
                long fulfilled = Chaos.fulfilled();
                printRow((now - start) / 60_000_000_000L, created - createdBefore, fulfilled - fulfilledBefore,
                        claimsBefore, happened);
                createdBefore = created;
                fulfilledBefore = fulfilled;
                happened.clear();
                nextRow += seconds(600);
                if (now - start >= seconds(minutes * 60L)) {
                    break;
                }
            }
            if (now >= nextEvent) {
                Event event = events.get(random.nextInt(events.size()));
                happened.add(event.name());
                event.run().run();
                Calls.phase("steady");
                nextEvent = System.nanoTime() + seconds(120 + random.nextInt(120));
            }
            Api.pause(1_000);
        }
    }

    /** Jobs a second from create to fulfilled: 10,000 created in bursts through both nodes, until all are fulfilled. */
    private static double capacity() {
        Calls.phase("capacity");
        long before = Chaos.fulfilled();
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            Chaos.load.create(Chaos.load.nodes.get(i % 2), 500);
        }
        Chaos.awaitTrue(Duration.ofSeconds(300), () -> Chaos.fulfilled() - before >= 10_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        Calls.phase("steady");
        return (Chaos.fulfilled() - before) / seconds;
    }

    private static void printHeader() {
        System.out.println("| minute | created | fulfilled | old gen MB (A/B) | RSS MB (A/B) | threads (A/B)"
                + " | db sessions (A/B) | waiting pulls (A/B) | claim p99 ms (A/B) | events |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    }

    private static void printRow(long minute, long created, long fulfilled, Map<Node, Map<String, Double>> claimsBefore,
            List<String> events) {
        StringBuilder row = new StringBuilder("| " + minute + " | " + created + " | " + fulfilled);
        List<Map<String, String>> columns = new ArrayList<>();
        for (Node node : List.of(Chaos.a, Chaos.b)) {
            String metrics = node.metrics();
            Map<String, Double> claims = claimBuckets(metrics);
            Map<String, String> column = new TreeMap<>();
            // G1's old generation: what survived collections (the live-data gauge stays 0 under G1).
            column.put("1 heap", megabytes(sample(metrics, "jvm_memory_used_bytes\\{area=\"heap\",id=\"G1 Old Gen\"}")));
            column.put("2 rss", String.valueOf(node.residentMegabytes()));
            column.put("3 threads", whole(sample(metrics, "jvm_threads_live_threads")));
            column.put("4 sessions", String.valueOf(Api.number(Chaos.database,
                    "select count(*) from pg_stat_activity where application_name = '" + node.sessions() + "'")));
            column.put("5 waiting", whole(sample(metrics, "jobstore_pulls_waiting")));
            column.put("6 p99", p99(claims, claimsBefore.getOrDefault(node, Map.of())));
            claimsBefore.put(node, claims);
            columns.add(column);
        }
        for (String key : columns.get(0).keySet()) {
            row.append(" | ").append(columns.get(0).get(key)).append(" / ").append(columns.get(1).get(key));
        }
        System.out.println(row.append(" | ").append(events.isEmpty() ? "-" : String.join(", ", events)).append(" |"));
    }

    /** The first sample of {@code series} (a name, or a regex of a name and its labels), or NaN. */
    private static double sample(String metrics, String series) {
        Matcher value = Pattern.compile("(?m)^" + series + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(2)) : Double.NaN;
    }

    private static Map<String, Double> claimBuckets(String metrics) {
        Map<String, Double> buckets = new HashMap<>();
        Matcher bucket = CLAIM_BUCKET.matcher(metrics);
        while (bucket.find()) {
            buckets.put(bucket.group(1), Double.parseDouble(bucket.group(2)));
        }
        return buckets;
    }

    /** The smallest bucket bound holding 99% of the window's claims (counts since {@code before}; after a restart, since it). */
    private static String p99(Map<String, Double> now, Map<String, Double> before) {
        boolean restarted = now.getOrDefault("+Inf", 0.0) < before.getOrDefault("+Inf", 0.0);
        Map<Double, Double> window = new TreeMap<>();
        now.forEach((le, count) -> window.put(le.equals("+Inf") ? Double.MAX_VALUE : Double.parseDouble(le),
                count - (restarted ? 0 : before.getOrDefault(le, 0.0))));
        double total = window.getOrDefault(Double.MAX_VALUE, 0.0);
        if (total <= 0) {
            return "-";
        }
        for (Map.Entry<Double, Double> bound : window.entrySet()) {
            if (bound.getValue() >= 0.99 * total) {
                return bound.getKey() == Double.MAX_VALUE ? "> max" : "≤ " + whole(bound.getKey() * 1000);
            }
        }
        return "-";
    }

    private static String megabytes(double bytes) {
        return Double.isNaN(bytes) ? "-" : String.valueOf(Math.round(bytes / 1024 / 1024));
    }

    private static String whole(double value) {
        return Double.isNaN(value) ? "-" : String.valueOf(Math.round(value));
    }

    private static long seconds(long seconds) {
        return seconds * 1_000_000_000L;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static Runnable unchecked(Step step) {
        return () -> {
            try {
                step.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
