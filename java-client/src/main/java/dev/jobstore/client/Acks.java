package dev.jobstore.client;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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

    private record Answer(LeasedJob job, Kind kind, JsonObject json) {}

    private final BlockingQueue<Answer> waiting = new LinkedBlockingQueue<>();
    private final Http http;
    private final Consumer<LeasedJob> answered;
    private volatile boolean closing;

    /** {@code answered} hears of each job once its answer was sent, stored or refused. */
    Acks(Http http, Consumer<LeasedJob> answered) {
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
        return Json.createObjectBuilder().add("id", job.id().toString()).add("token", job.token());
    }

    private void add(LeasedJob job, Kind kind, JsonObjectBuilder json) {
        job.answer();
        waiting.add(new Answer(job, kind, json.build()));
    }

    /** Sends until closed and nothing is left. */
    @Override
    public void run() {
        while (!closing || !waiting.isEmpty()) {
            try {
                Answer first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Answer> batch = new ArrayList<>();
                    batch.add(first);
                    waiting.drainTo(batch, MAX_BATCH - 1);
                    send(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Sends what is left, then stops. */
    void close() {
        closing = true;
    }

    private void send(List<Answer> batch) throws InterruptedException {
        JsonObject body = Json.createObjectBuilder()
                .add("fulfill", of(batch, Kind.FULFILL))
                .add("fail", of(batch, Kind.FAIL))
                .add("release", of(batch, Kind.RELEASE))
                .build();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                JsonObject reply = http.send("POST", "jobs/acknowledgements", body, true)
                        .expect(200)
                        .object();
                reply.getJsonArray("jobs").getValuesAs(JsonObject.class).stream()
                        .filter(job -> job.containsKey("problem"))
                        .forEach(job -> LOG.log(
                                Level.WARNING,
                                "job {0}: {1} refused: {2}",
                                job.getString("id"),
                                job.getString("action"),
                                job.getJsonObject("problem").getString("detail", "")));
                break;
            } catch (IOException | JobstoreException e) {
                LOG.log(
                        Level.WARNING,
                        "sending " + batch.size() + " answers failed (attempt " + attempt + " of " + ATTEMPTS
                                + "); unanswered leases expire and their jobs return to the queue",
                        e);
                Thread.sleep(1000);
            }
        }
        batch.forEach(answer -> answered.accept(answer.job()));
    }

    private static JsonArrayBuilder of(List<Answer> batch, Kind kind) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        batch.stream().filter(answer -> answer.kind() == kind).forEach(answer -> items.add(answer.json()));
        return items;
    }
}
