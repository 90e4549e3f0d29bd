package dev.jobstore.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;

/**
 * A job to create: its payload and, optionally, a key (a second create with the same key in
 * the queue answers the existing job, so a create with a key is safe to retry), a priority, a
 * start time and attempts.
 */
public record NewJob(
        JsonValue payload, String key, Integer priority, Instant runAt, Duration delay, Integer maxAttempts) {

    public static NewJob of(JsonValue payload) {
        return new NewJob(payload, null, null, null, null, null);
    }

    public NewJob withKey(String newKey) {
        return new NewJob(payload, newKey, priority, runAt, delay, maxAttempts);
    }

    public NewJob withPriority(int newPriority) {
        return new NewJob(payload, key, newPriority, runAt, delay, maxAttempts);
    }

    public NewJob withRunAt(Instant newRunAt) {
        return new NewJob(payload, key, priority, newRunAt, delay, maxAttempts);
    }

    public NewJob withDelay(Duration newDelay) {
        return new NewJob(payload, key, priority, runAt, newDelay, maxAttempts);
    }

    public NewJob withMaxAttempts(int attempts) {
        return new NewJob(payload, key, priority, runAt, delay, attempts);
    }

    JsonObject toJson() {
        JsonObjectBuilder json =
                Jsonp.PROVIDER.createObjectBuilder().add("payload", payload == null ? JsonValue.NULL : payload);
        if (key != null) {
            json.add("key", key);
        }
        if (priority != null) {
            json.add("priority", priority);
        }
        if (runAt != null) {
            json.add("runAt", runAt.toString());
        }
        if (delay != null) {
            json.add("delay", delay.toString());
        }
        if (maxAttempts != null) {
            json.add("maxAttempts", maxAttempts);
        }
        return json.build();
    }
}
