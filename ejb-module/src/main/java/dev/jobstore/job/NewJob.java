package dev.jobstore.job;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a producer asks for when creating a job. Only {@code payload} matters; every other
 * component may be {@code null} for its default. Build one with {@link #of(JsonValue)} and the
 * {@code with…} methods.
 *
 * @param payload     the request, any JSON value
 * @param priority    higher runs first; default 0
 * @param runAt       not claimable before this instant (give this or {@code delay})
 * @param delay       not claimable before now + delay
 * @param maxAttempts attempts before the job is FAILED; default 3
 * @param backoff     wait between attempts; default PT1S × 2 up to PT1H
 * @param key         idempotency key, unique per queue: creating again returns the same job
 * @param dependsOn   jobs that must be FULFILLED first; the job is CANCELLED if one fails
 * @param repeat      create the next run after each fulfillment
 */
public record NewJob(
        JsonValue payload,
        Integer priority,
        Instant runAt,
        Duration delay,
        Integer maxAttempts,
        Backoff backoff,
        String key,
        List<UUID> dependsOn,
        Repeat repeat) {

    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final int MAX_ATTEMPTS_LIMIT = 1000;
    static final int MAX_KEY_LENGTH = 255;

    public static NewJob of(JsonValue payload) {
        return new NewJob(payload, null, null, null, null, null, null, null, null);
    }

    public NewJob withPriority(int newPriority) {
        return new NewJob(payload, newPriority, runAt, delay, maxAttempts, backoff, key, dependsOn, repeat);
    }

    public NewJob withRunAt(Instant newRunAt) {
        return new NewJob(payload, priority, newRunAt, delay, maxAttempts, backoff, key, dependsOn, repeat);
    }

    public NewJob withDelay(Duration newDelay) {
        return new NewJob(payload, priority, runAt, newDelay, maxAttempts, backoff, key, dependsOn, repeat);
    }

    public NewJob withMaxAttempts(int newMaxAttempts) {
        return new NewJob(payload, priority, runAt, delay, newMaxAttempts, backoff, key, dependsOn, repeat);
    }

    public NewJob withBackoff(Backoff newBackoff) {
        return new NewJob(payload, priority, runAt, delay, maxAttempts, newBackoff, key, dependsOn, repeat);
    }

    public NewJob withKey(String newKey) {
        return new NewJob(payload, priority, runAt, delay, maxAttempts, backoff, newKey, dependsOn, repeat);
    }

    public NewJob withDependsOn(List<UUID> newDependsOn) {
        return new NewJob(payload, priority, runAt, delay, maxAttempts, backoff, key, newDependsOn, repeat);
    }

    public NewJob withRepeat(Repeat newRepeat) {
        return new NewJob(payload, priority, runAt, delay, maxAttempts, backoff, key, dependsOn, newRepeat);
    }

    /**
     * Whether the job needs nothing but its own row: no key (which needs a look for the
     * existing job), no dependencies and no repeat (which write more than the job row).
     */
    public boolean isPlain() {
        return key() == null && dependsOnOrEmpty().isEmpty() && repeat() == null;
    }

    public List<UUID> dependsOnOrEmpty() {
        return dependsOn == null ? List.of() : dependsOn;
    }

    public JsonValue payloadOrNull() {
        return payload == null ? JsonValue.NULL : payload;
    }

    int priorityOrDefault() {
        return priority == null ? 0 : priority;
    }

    int maxAttemptsOrDefault() {
        return maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
    }

    Backoff backoffOrDefault() {
        return backoff == null ? Backoff.DEFAULT : backoff.withDefaults();
    }

    /** When the job becomes claimable, for a job created at {@code now}. */
    Instant firstRunAt(Instant now) {
        if (runAt != null) {
            return runAt;
        }
        return delay == null ? now : now.plus(delay);
    }

    /** Throws {@link InvalidRequestException} naming everything wrong with this request. */
    public void check() {
        Violations violations = new Violations()
                .require(runAt == null || delay == null, "give runAt or delay, not both")
                .require(delay == null || !delay.isNegative(), "delay must not be negative")
                .require(
                        maxAttempts == null || (maxAttempts >= 1 && maxAttempts <= MAX_ATTEMPTS_LIMIT),
                        "maxAttempts must be between 1 and " + MAX_ATTEMPTS_LIMIT)
                .require(
                        key == null || (!key.isBlank() && key.length() <= MAX_KEY_LENGTH),
                        "key must be 1 to " + MAX_KEY_LENGTH + " characters");
        backoffOrDefault().check(violations);
        violations.require(dependsOnOrEmpty().stream().allMatch(Objects::nonNull), "dependsOn must list job ids");
        if (repeat != null) {
            repeat.check(violations);
        }
        violations.throwIfAny();
    }
}
