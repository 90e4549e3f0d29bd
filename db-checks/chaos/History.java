import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run's history classified as Jepsen's queue checker does, from what the clients were told
 * and what the database holds at the end: every create attempted is acknowledged (2xx),
 * indeterminate (no answer, 503) or refused (4xx); every acknowledged job must end FULFILLED
 * (else lost); an indeterminate one that exists and is FULFILLED is recovered; a job nobody
 * asked for is unexpected; a job created twice, or told "stored" to two holders, is duplicated;
 * and each stored value must be its final holder's.
 */
final class History {

    private static final Pattern OWNER = Pattern.compile("\"owner\":\"([^\"]+)\"");

    private record Stored(String id, String status, String value) {}

    private History() {}

    /** Prints the classification; true when nothing was lost, duplicated or unexpected. */
    static boolean classify(String database, Load load) {
        Map<String, Stored> stored = new HashMap<>();
        int createdTwice = 0;
        for (String[] row : Api.sql(database, "select j.payload, j.id, j.status, coalesce(convert_from(r.content, 'UTF8'), '')"
                + " from job j left join job_result r on r.job_id = j.id where j.queue = '" + Load.QUEUE + "'")) {
            String payload = row[0].replace("\"", "");
            if (stored.put(payload, new Stored(row[1], row[2], row[3])) != null) {
                createdTwice++;
            }
        }
        int ok = 0;
        int lost = 0;
        int recovered = 0;
        int neverCreated = 0;
        int notFinalHolder = 0;
        for (Map.Entry<String, String> acknowledged : load.acknowledged.entrySet()) {
            Stored job = stored.get(acknowledged.getKey());
            if (job == null || !job.id().equals(acknowledged.getValue()) || !job.status().equals("FULFILLED")) {
                lost++;
                System.out.println("  lost: " + acknowledged + " is " + job);
            } else {
                ok++;
                notFinalHolder += finalHolder(job, load) ? 0 : 1;
            }
        }
        for (String payload : load.indeterminate) {
            Stored job = stored.get(payload);
            if (job == null) {
                neverCreated++;
            } else if (job.status().equals("FULFILLED")) {
                recovered++;
                notFinalHolder += finalHolder(job, load) ? 0 : 1;
            } else {
                lost++;
                System.out.println("  lost: the indeterminate " + payload + " is " + job);
            }
        }
        long unexpected = stored.keySet().stream()
                .filter(payload -> !load.acknowledged.containsKey(payload) && !load.indeterminate.contains(payload))
                .count();
        long toldStoredTwice = load.remoteFulfills.values().stream().filter(tokens -> tokens.size() > 1).count();
        int duplicated = createdTwice + (int) toldStoredTwice;
        System.out.printf("history: attempted %d, acknowledged %d, indeterminate %d (recovered %d, never created %d),"
                        + " refused %d%n",
                load.attempted.get(), load.acknowledged.size(), load.indeterminate.size(), recovered, neverCreated,
                load.refused.size());
        System.out.printf("history: fulfilled %d (ok %d, recovered %d), lost %d, duplicated %d, unexpected %d,"
                        + " not by the final holder %d; stale fulfills refused %d, accepted %d%n",
                ok + recovered, ok, recovered, lost, duplicated, unexpected, notFinalHolder,
                load.staleRefused.get(), load.staleAccepted.get());
        return lost == 0 && duplicated == 0 && unexpected == 0 && notFinalHolder == 0 && load.staleAccepted.get() == 0 && load.staleRefused.get() > 0;
    }

    /**
     * The stored value is its final holder's: the remote worker told "stored" (exactly one), or,
     * when none was, a remote worker whose fulfill got no clear answer (the node died or went
     * after the commit), or an in-process worker (owner {@code pool-...@node}).
     */
    private static boolean finalHolder(Stored job, Load load) {
        List<String> remote = load.remoteFulfills.getOrDefault(job.id(), List.of());
        List<String> unanswered = load.unansweredFulfills.getOrDefault(job.id(), List.of());
        Matcher owner = OWNER.matcher(job.value());
        boolean holder = owner.find() && (remote.isEmpty()
                ? owner.group(1).startsWith("pool-") || unanswered.stream().anyMatch(job.value()::contains)
                : remote.size() == 1 && job.value().contains(remote.get(0)));
        if (!holder) {
            System.out.println("  job " + job.id() + " stores " + job.value() + "; remote fulfills told stored: " + remote);
        }
        return holder;
    }
}
