package dev.jobstore.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jobstore.it.support.Api.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Jobs in a given state, set up over HTTP as the admin, for tests about who may act on them.
 * Each fixture gets a queue of its own, so what one cell of a test does never meets another's.
 */
public final class Fixtures {

    private final Api admin = new Api();

    /** Jobs whose notification targets could reach a notifier: removed by {@link #removeNotifying()}. */
    private final List<String> notifying = new ArrayList<>();

    /** The id of {@link #batchExecution()}'s execution, once made. */
    private String batchExecution;

    /** A job of a fresh queue: its id, its queue, and the lease token if it was leased. */
    public record Fixture(String queue, String id, String token, String extra) {

        public Fixture withExtra(String value) {
            return new Fixture(queue, id, token, value);
        }
    }

    public Fixture freshQueue() {
        return new Fixture("matrix-" + UUID.randomUUID(), null, null, null);
    }

    public Fixture pending() {
        Fixture queue = freshQueue();
        Reply created = expect(201, admin.post("queues/" + queue.queue() + "/jobs", "{\"payload\":{\"n\":1}}"));
        return new Fixture(queue.queue(), created.object().getString("id"), null, null);
    }

    public Fixture leased() {
        Fixture job = pending();
        return new Fixture(job.queue(), job.id(), leaseOne(job.queue()), null);
    }

    /** Leases the one job of {@code queue}; returns its lease token. */
    private String leaseOne(String queue) {
        Reply pulled = expect(
                200,
                admin.post("queues/" + queue + "/leases", "{\"worker\":\"fixture\",\"max\":1,\"lease\":\"PT5M\"}"));
        return pulled.array().getJsonObject(0).getJsonObject("lease").getString("token");
    }

    private void fulfill(Fixture job, String token) {
        expect(
                200,
                admin.send(
                        "PUT",
                        "jobs/" + job.id() + "/result",
                        "application/json",
                        "1".getBytes(),
                        "Lease-Token",
                        token));
    }

    public Fixture fulfilled() {
        Fixture job = leased();
        fulfill(job, job.token());
        return new Fixture(job.queue(), job.id(), null, null);
    }

    public Fixture paused() {
        Fixture job = pending();
        expect(200, admin.post("jobs/" + job.id() + "/pause", null));
        return job;
    }

    public Fixture cancelled() {
        Fixture job = pending();
        expect(200, admin.post("jobs/" + job.id() + "/cancel", null));
        return job;
    }

    public Fixture withTarget() {
        Fixture job = pending();
        expect(201, admin.post("jobs/" + job.id() + "/targets", "{\"to\":\"matrix\"}"));
        notifying.add(job.id());
        return job;
    }

    /**
     * A fulfilled job whose notification the admin holds ({@code token}). Pulls until it gets
     * this job's: a notification of some earlier job may come first, and is left to expire.
     */
    public Fixture notificationLeased() {
        Fixture job = withTarget();
        fulfill(job, leaseOne(job.queue()));
        JsonObject notification = Await.until(
                        "the notification of job " + job.id(),
                        Duration.ofSeconds(30),
                        () -> admin.post("notifications/leases", "{\"worker\":\"fixture\",\"lease\":\"PT30S\"}"),
                        reply -> reply.status() == 200
                                && reply.object().getString("jobId").equals(job.id()))
                .object();
        return new Fixture(job.queue(), job.id(), notification.getString("token"), null);
    }

    /**
     * Removes the jobs with notification targets, and so their notifications: notifications
     * are not by queue, and another test's notifier must not be handed these.
     */
    public void removeNotifying() {
        notifying.forEach(id -> admin.delete("jobs/" + id + "?force=true"));
        notifying.clear();
    }

    /** A token (viewer) for a test to revoke; {@code extra} is its id. */
    public Fixture token() {
        Reply issued = expect(201, admin.post("tokens", "{\"name\":\"fixture\",\"roles\":[\"viewer\"]}"));
        return freshQueue().withExtra(issued.object().getString("id"));
    }

    /**
     * A finished batch execution (a prune that keeps everything); {@code extra} is its id. One
     * for all callers: what they may do to it (read it, be refused a stop or restart) leaves it as it is.
     */
    public Fixture batchExecution() {
        if (batchExecution == null) {
            Reply started = expect(
                    201,
                    admin.post(
                            "batch/jobs/prune-finished-jobs/executions",
                            "{\"parameters\":{\"fulfilled\":\"0\",\"failed\":\"0\",\"cancelled\":\"0\"}}"));
            String id = String.valueOf(started.object().getJsonNumber("id").longValue());
            Await.until(
                    "batch execution " + id + " to complete",
                    Duration.ofSeconds(30),
                    () -> admin.get("batch/executions/" + id).object().getString("status"),
                    "COMPLETED"::equals);
            batchExecution = id;
        }
        return freshQueue().withExtra(batchExecution);
    }

    /**
     * What a refused call must leave as it was: the job (with its targets and lease), its log,
     * its queue's jobs and whether the queue is paused, the tokens, and the newest batch execution.
     */
    public String state(Fixture fixture) {
        StringBuilder state = new StringBuilder();
        if (fixture.id() != null) {
            state.append(admin.get("jobs/" + fixture.id()).text())
                    .append(admin.get("jobs/" + fixture.id() + "/logs").text());
        }
        state.append(admin.get("jobs?queue=" + fixture.queue()).text());
        admin.get("queues").array().stream()
                .map(JsonObject.class::cast)
                .filter(queue -> queue.getString("queue").equals(fixture.queue()))
                .forEach(queue -> state.append(" paused=").append(queue.getBoolean("paused")));
        state.append(admin.get("tokens").text());
        admin.get("batch/executions?limit=1").array().stream()
                .map(JsonObject.class::cast)
                .forEach(newest -> state.append(" newest batch execution=").append(newest.getJsonNumber("id")));
        return state.toString();
    }

    private static Reply expect(int status, Reply reply) {
        assertEquals(status, reply.status(), reply::toString);
        return reply;
    }
}
