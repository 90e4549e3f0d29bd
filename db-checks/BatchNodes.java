import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A leased batch execution taken over by the other node (started by batch-nodes.sh): load-app's
 * numbered-items writes 20,000 items, 100 per chunk, each chunk's rows in batch_item in the
 * chunk's transaction. Round "kill": the executing node is killed with kill -9 midway (and
 * started again by the script afterwards). Round "stop": the executing node is SIGSTOPped past
 * its lease, the other node takes over, then it gets SIGCONT and must be refused its late chunk.
 * Each round: every item written exactly once, the job fulfilled by the second execution, which
 * began at the first one's last checkpoint. Prints the counts; exits non-zero when a check fails.
 *
 * Arguments: API of node A, API of node B, process group of A, of B, database, log of A, of B, round.
 */
public class BatchNodes {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String AUTHORIZATION =
            "Basic " + java.util.Base64.getEncoder().encodeToString("checks:checks".getBytes());
    static final int ITEMS = 20_000;
    static final int CHUNK = 100;

    public static void main(String[] args) throws Exception {
        String[] apis = {args[0], args[1]};
        String[] groups = {args[2], args[3]};
        String database = args[4];
        String[] logs = {args[5], args[6]};
        String round = args[7];
        String run = round + "-" + System.nanoTime();
        String created = post(apis[0] + "/queues/batch/jobs", "{\"payload\":{\"batchJob\":\"numbered-items\",\"parameters\":"
                + "{\"items\":" + ITEMS + ",\"chunk\":" + CHUNK + ",\"run\":\"" + run + "\",\"chunkPause\":40}}}");
        String job = field(created, "id");
        await("the job to be leased", 60, () -> get(apis[0] + "/jobs/" + job).contains("\"owner\""));
        int holder = get(apis[0] + "/jobs/" + job).contains("@node-a\"") ? 0 : 1;
        int other = 1 - holder;
        long first = execution(apis[holder], job, -1);
        await("3,000 items written", 120, () -> rows(database, run, "") >= 3000);
        long signalled = System.nanoTime();
        signal(round.equals("kill") ? "-KILL" : "-STOP", groups[holder]);
        // A node frozen inside a chunk's commit holds the job's row (JobLeaseFence locks it until
        // the commit), so no node can take the job over until it continues: let it go on a moment
        // and freeze it again, outside that window.
        for (int tries = 0; round.equals("stop") && tries < 50 && rowLocked(database, job); tries++) {
            signal("-CONT", groups[holder]);
            Thread.sleep(10 + tries);
            signal("-STOP", groups[holder]);
        }
        long second = execution(apis[other], job, first);
        long tookOver = (System.nanoTime() - signalled) / 1_000_000;
        if (round.equals("stop")) {
            signal("-CONT", groups[holder]);
        }
        await("the job to be fulfilled", 180, () -> get(apis[other] + "/jobs/" + job).contains("\"status\":\"FULFILLED\""));
        String result = get(apis[other] + "/jobs/" + job + "/result");

        long total = rows(database, run, "");
        long distinct = count(database, "select count(distinct item) from batch_item where run = '" + run + "'");
        long byFirst = rows(database, run, " and execution_id = " + first);
        long bySecond = rows(database, run, " and execution_id = " + second);
        long secondStart = count(database, "select min(item) from batch_item where run = '" + run + "' and execution_id = " + second);
        long firstEnd = count(database, "select max(item) + 1 from batch_item where run = '" + run + "' and execution_id = " + first);
        long restartRead = Long.parseLong(field(result, "read"));
        long redone = redone(logs[holder], run, first, byFirst);
        // The late chunk rolls back either way: refused by the lease fence at its end, or, when the new
        // holder has already written the same items, by batch_item's primary key on the way.
        boolean refused = !round.equals("stop") || awaitQuietly(30, () -> logged(logs[holder], "Refused a chunk of batch execution " + first + " ")
                || logged(logs[holder], "Key (run, item)=(" + run + ", " + firstEnd + ") already exists"));

        System.out.printf("batch %s round: node %s ran execution %d, %s at %d items; node %s took over as execution %d after %d ms%n",
                round, holder == 0 ? "A" : "B", first, round.equals("kill") ? "killed (kill -9)" : "stopped (SIGSTOP)",
                byFirst, other == 0 ? "A" : "B", second, tookOver);
        System.out.printf("  rows %d, distinct items %d (of %d); by the first execution %d (items 0..%d), by the second %d"
                        + " (from item %d); the restart read %d items, from the first's last checkpoint;"
                        + " items done again: %d (the chunk in flight, rolled back; at most %d)%n",
                total, distinct, ITEMS, byFirst, firstEnd - 1, bySecond, secondStart, restartRead, redone, CHUNK);
        if (round.equals("stop")) {
            System.out.println("  the stopped node's late chunk after SIGCONT: " + (refused ? "rolled back (logged)" : "NOT rolled back"));
        }
        boolean ok = total == ITEMS && distinct == ITEMS && byFirst + bySecond == ITEMS && secondStart == firstEnd
                && restartRead == ITEMS - byFirst && redone <= CHUNK && result.contains("\"id\":" + second + ",") && refused;
        System.out.println("batch-nodes " + round + ": " + (ok ? "1 passed, 0 failed" : "0 passed, 1 failed: " + result));
        System.exit(ok ? 0 : 1);
    }

    /** The newest execution of numbered-items that runs under {@code job} other than {@code not}, as {@code api} lists them. */
    static long execution(String api, String job, long not) throws Exception {
        long[] found = {-1};
        await("an execution of job " + job + (not < 0 ? "" : " other than " + not), 120, () -> {
            Matcher executions = Pattern.compile("\\{\"id\":(\\d+),\"job\":\"numbered-items\",\"status\":\"[A-Z]+\",(?:\"exitStatus\":\"[^\"]*\",)?\"leasedBy\":\"" + job + "\"")
                    .matcher(get(api + "/batch/executions?job=numbered-items&limit=20"));
            while (executions.find()) {
                long id = Long.parseLong(executions.group(1));
                if (id != not && id > found[0]) {
                    found[0] = id;
                }
            }
            return found[0] > 0;
        });
        return found[0];
    }

    /** Items the first execution was writing past its last checkpoint when its node went (its log says). */
    static long redone(String log, String run, long execution, long checkpoint) throws IOException {
        Matcher writing = Pattern.compile("run " + run + ": execution " + execution + " writing items (\\d+)\\.\\.(\\d+)")
                .matcher(Files.readString(Path.of(log)));
        long last = -1;
        while (writing.find()) {
            last = Long.parseLong(writing.group(2));
        }
        return Math.max(0, last + 1 - checkpoint);
    }

    static long rows(String database, String run, String and) {
        return count(database, "select count(*) from batch_item where run = '" + run + "'" + and);
    }

    static long count(String database, String sql) {
        String out = psql(database, sql).trim();
        try {
            return out.isEmpty() ? 0 : Long.parseLong(out);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("psql: " + sql + ": " + out, e);
        }
    }

    /** What psql prints for {@code sql} (its errors too). */
    static String psql(String database, String sql) {
        try {
            Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", sql)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(psql.getInputStream().readAllBytes());
            psql.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("psql: " + sql, e);
        }
    }

    /** Whether a session holds the job's row lock (asked with NOWAIT: answered at once, held by nobody after). */
    static boolean rowLocked(String database, String job) {
        return psql(database, "select id from job where id = '" + job + "' for update nowait")
                .contains("could not obtain lock");
    }

    static void signal(String signal, String group) throws Exception {
        new ProcessBuilder("kill", signal, "--", "-" + group).inheritIO().start().waitFor();
    }

    static boolean logged(String log, String text) {
        try {
            return Files.readString(Path.of(log)).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    static void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
        if (!awaitQuietly(seconds, done)) {
            System.out.println("batch-nodes: gave up waiting for " + what + " after " + seconds + " s");
            System.exit(1);
        }
    }

    static boolean awaitQuietly(int seconds, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return done.getAsBoolean();
    }

    static String field(String json, String name) {
        Matcher found = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
        if (!found.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return found.group(1);
    }

    static String get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static String post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static String send(HttpRequest.Builder request) {
        try {
            return HTTP.send(
                            request.header("Authorization", AUTHORIZATION).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }
}
