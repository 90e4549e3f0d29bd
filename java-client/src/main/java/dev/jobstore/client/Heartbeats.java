package dev.jobstore.client;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renews every lease a worker holds (running or waiting locally) in one batch heartbeat. A
 * refused lease (lost: expired, cancelled, taken) is handed to {@code lost}, unless its job was
 * answered meanwhile (then the refusal only says the answer arrived first).
 */
final class Heartbeats implements Runnable {

    private static final System.Logger LOG = System.getLogger(Heartbeats.class.getName());

    private final Http http;
    private final Collection<LeasedJob> held;
    private final Duration lease;
    private final Consumer<LeasedJob> lost;

    Heartbeats(Http http, Collection<LeasedJob> held, Duration lease, Consumer<LeasedJob> lost) {
        this.http = http;
        this.held = held;
        this.lease = lease;
        this.lost = lost;
    }

    @Override
    public void run() {
        List<LeasedJob> renewing = held.stream()
                .filter(job -> !job.isAnswered() && !job.isCompromised())
                .toList();
        if (renewing.isEmpty()) {
            return;
        }
        JsonArrayBuilder jobs = Jsonp.PROVIDER.createArrayBuilder();
        renewing.forEach(job -> jobs.add(Jsonp.PROVIDER
                .createObjectBuilder()
                .add("id", job.id().toString())
                .add("token", job.token())));
        try {
            JsonObject reply = http.send(
                            "POST",
                            "jobs/heartbeats",
                            Jsonp.PROVIDER
                                    .createObjectBuilder()
                                    .add("lease", lease.toString())
                                    .add("jobs", jobs)
                                    .build(),
                            true)
                    .expect(200)
                    .object();
            Map<UUID, LeasedJob> byId = renewing.stream().collect(Collectors.toMap(LeasedJob::id, Function.identity()));
            for (JsonObject answer : reply.getJsonArray("jobs").getValuesAs(JsonObject.class)) {
                LeasedJob job = byId.get(UUID.fromString(answer.getString("id")));
                if (answer.containsKey("expiresAt")) {
                    job.extendedTo(Instant.parse(answer.getString("expiresAt")));
                } else if (!job.isAnswered()) {
                    lost.accept(job);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "a heartbeat for " + renewing.size() + " leases failed; retrying at the next", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
