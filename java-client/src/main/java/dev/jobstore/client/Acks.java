package dev.jobstore.client;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the handlers' answers (fulfill, fail, release) as batch acknowledgements: one request
 * carries every answer that came while the previous one was on its way, so a busy worker sends
 * few large requests and an idle one answers at once.
 */
final class Acks implements Runnable {

    private static final System.Logger LOG = System.getLogger(Acks.class.getName());
    private static final int MAX_BATCH = 1000; // the server's jobstore.ack.max-batch default
    private static final int ATTEMPTS = 3;

    private enum Kind {
        FULFILL,
        FAIL,
        RELEASE
    }

    private record Answer(LeasedJob job, Kind kind, JsonObject json) {
        Acknowledgement acknowledged(Acknowledgement.Outcome outcome, String problem) {
            return new Acknowledgement(job, kind.name().toLowerCase(Locale.ROOT), outcome, problem);
        }
    }

    private final BlockingQueue<Answer> waiting = new LinkedBlockingQueue<>();
    /** Answers for a job the last request named already (the sending thread's only). */
    private final List<Answer> heldOver = new ArrayList<>();

    private final Http http;
    private final Consumer<Acknowledgement> answered;
    private volatile boolean closing;

    /** {@code answered} hears of each answer once it was sent: stored, refused, or unknown when none came. */
    Acks(Http http, Consumer<Acknowledgement> answered) {
        this.http = http;
        this.answered = answered;
    }

    void fulfill(LeasedJob job, JsonValue value) {
        add(job, Kind.FULFILL, held(job).add("value", value == null ? JsonValue.NULL : value));
    }

    void fail(LeasedJob job, String error, boolean retry) {
        add(job, Kind.FAIL, held(job).add("error", error).add("retry", retry));
    }

    void release(LeasedJob job) {
        add(job, Kind.RELEASE, held(job));
    }

    private static JsonObjectBuilder held(LeasedJob job) {
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("id", job.id().toString())
                .add("token", job.token());
    }

    private void add(LeasedJob job, Kind kind, JsonObjectBuilder json) {
        job.answer();
        waiting.add(new Answer(job, kind, json.build()));
    }

    /** Sends until closed and nothing is left. */
    @Override
    public void run() {
        while (!closing || !waiting.isEmpty() || !heldOver.isEmpty()) {
            try {
                List<Answer> candidates = new ArrayList<>(heldOver);
                heldOver.clear();
                Answer first = candidates.isEmpty() ? waiting.poll(100, TimeUnit.MILLISECONDS) : null;
                if (first != null) {
                    candidates.add(first);
                }
                waiting.drainTo(candidates, MAX_BATCH - candidates.size());
                if (!candidates.isEmpty()) {
                    send(onePerJob(candidates));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The first answer for each job; later ones wait for the next request. A job can have two:
     * its lease ran out while the answer waited, and this worker leased it again and answered
     * that lease too. A request may name a job once; the older answer goes first (and is
     * refused as lease-lost).
     */
    private List<Answer> onePerJob(List<Answer> candidates) {
        Set<UUID> named = new HashSet<>();
        List<Answer> batch = new ArrayList<>();
        for (Answer answer : candidates) {
            (named.add(answer.job().id()) ? batch : heldOver).add(answer);
        }
        return batch;
    }

    /** Sends what is left, then stops. */
    void close() {
        closing = true;
    }

    private void send(List<Answer> batch) throws InterruptedException {
        JsonObject body = Jsonp.PROVIDER
                .createObjectBuilder()
                .add("fulfill", of(batch, Kind.FULFILL))
                .add("fail", of(batch, Kind.FAIL))
                .add("release", of(batch, Kind.RELEASE))
                .build();
        Map<String, JsonObject> replies = Map.of();
        boolean unclear = false; // an attempt may have been stored without its answer reaching us
        for (int attempt = 1; attempt <= ATTEMPTS && replies.isEmpty(); attempt++) {
            try {
                Http.Reply reply = http.send("POST", "jobs/acknowledgements", body, true);
                unclear |= reply.afterUnavailable(); // a 503 may have come after its attempt's commit
                replies = reply.expect(200).object().getJsonArray("jobs").getValuesAs(JsonObject.class).stream()
                        .collect(Collectors.toMap(job -> job.getString("id"), Function.identity()));
            } catch (JobstoreException e) {
                boolean conflict = "conflict".equals(e.type());
                if (e.status() < 500 && !conflict) {
                    // refused whole: nothing of this attempt was stored, and a retry would be refused too
                    LOG.log(Level.WARNING, "the server refused " + batch.size() + " answers", e);
                    // after an unclear attempt, that attempt may have been stored: unknown
                    for (Answer answer : batch) {
                        report(
                                unclear
                                        ? answer.acknowledged(Acknowledgement.Outcome.UNKNOWN, null)
                                        : answer.acknowledged(Acknowledgement.Outcome.REFUSED, e.type()));
                    }
                    return;
                }
                // A 5xx may come after the commit; a conflict (a deadlock's victim, a serialization
                // failure) was rolled back whole and only asks for a retry.
                unclear |= !conflict;
                pauseBeforeRetry(batch, attempt, e);
            } catch (IOException | RuntimeException e) { // no answer, or one that is not the expected JSON
                unclear = true;
                pauseBeforeRetry(batch, attempt, e);
            }
        }
        for (Answer answer : batch) {
            report(acknowledgement(answer, replies.get(answer.job().id().toString()), unclear));
        }
    }

    /** Hands an acknowledgement on; a callback that throws must not stop the sending of later answers. */
    private void report(Acknowledgement acknowledgement) {
        try {
            answered.accept(acknowledgement);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "onAcknowledged failed for " + acknowledgement, e);
        }
    }

    private static void pauseBeforeRetry(List<Answer> batch, int attempt, Exception failure)
            throws InterruptedException {
        LOG.log(
                Level.WARNING,
                "sending " + batch.size() + " answers failed (attempt " + attempt + " of " + ATTEMPTS
                        + "); unanswered leases expire and their jobs return to the queue",
                failure);
        Thread.sleep(1000);
    }

    /** After an attempt without a clear answer, a refusal may only mean that attempt was stored: unknown. */
    private static Acknowledgement acknowledgement(Answer answer, JsonObject reply, boolean unclear) {
        if (reply == null || (unclear && reply.containsKey("problem"))) {
            return answer.acknowledged(Acknowledgement.Outcome.UNKNOWN, null);
        }
        if (!reply.containsKey("problem")) {
            return answer.acknowledged(Acknowledgement.Outcome.STORED, null);
        }
        JsonObject problem = reply.getJsonObject("problem");
        LOG.log(Level.WARNING, "{0}: {1} refused: {2}", answer.job(), answer.kind(), problem.getString("detail", ""));
        return answer.acknowledged(Acknowledgement.Outcome.REFUSED, problem.getString("type", "unknown"));
    }

    private static JsonArrayBuilder of(List<Answer> batch, Kind kind) {
        JsonArrayBuilder items = Jsonp.PROVIDER.createArrayBuilder();
        batch.stream().filter(answer -> answer.kind() == kind).forEach(answer -> items.add(answer.json()));
        return items;
    }
}
