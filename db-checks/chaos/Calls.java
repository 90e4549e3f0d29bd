import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every HTTP call of the check by phase: how each kind was answered, and the longest answer.
 * A 5xx other than 503 is an internal error, and a 4xx other than a stale fulfill's 409 an
 * unexpected refusal: no chaos may cause either.
 */
final class Calls {

    private static volatile String phase = "start";
    private static final Map<String, Map<String, AtomicInteger>> statuses = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> longest = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> wrongAnswers = new ConcurrentHashMap<>();

    private Calls() {}

    static void phase(String name) {
        phase = name;
        System.out.printf("%tT -- %s%n", System.currentTimeMillis(), name);
    }

    static String phase() {
        return phase;
    }

    /** Records {@code answer} to a call of kind {@code call}; answers it. */
    static Api.Answer record(String call, Api.Answer answer) {
        String key = call + " " + (answer.status() == 0 ? "no-answer" : answer.status());
        tally(key);
        longest.computeIfAbsent(phase + " " + call, k -> new AtomicLong()).accumulateAndGet(answer.millis(), Math::max);
        boolean internalError = answer.status() >= 500 && answer.status() != 503;
        boolean refused = answer.status() / 100 == 4 && !(call.equals("fulfill") && answer.status() == 409);
        if (internalError || refused) {
            wrong(key + ": " + answer.body());
        }
        return answer;
    }

    /** Counts a wrong answer in the current phase (printing the first three). */
    static void wrong(String what) {
        if (wrongAnswers.computeIfAbsent(phase, p -> new AtomicInteger()).incrementAndGet() <= 3) {
            System.out.println("  " + what + " in " + phase);
        }
    }

    /** Counts one event of kind {@code key} (no call: "answer stored") in the current phase. */
    static void tally(String key) {
        statuses.computeIfAbsent(phase, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> new AtomicInteger())
                .incrementAndGet();
    }

    /** How many calls of {@code phase} were answered as {@code key} ("lease 200"). */
    static int count(String phase, String key) {
        AtomicInteger count = statuses.getOrDefault(phase, Map.of()).get(key);
        return count == null ? 0 : count.get();
    }

    /** How many calls got an internal error or an unexpected refusal, by phase. */
    static Map<String, Integer> wrongAnswers() {
        Map<String, Integer> counts = new TreeMap<>();
        wrongAnswers.forEach((phase, count) -> counts.put(phase, count.get()));
        return counts;
    }

    /** The longest answer to {@code call} in {@code phase}, in ms. */
    static long longest(String phase, String call) {
        AtomicLong millis = longest.get(phase + " " + call);
        return millis == null ? 0 : millis.get();
    }

    static void print(String phase) {
        System.out.println("  calls: " + new TreeMap<>(statuses.getOrDefault(phase, Map.of())));
    }
}
