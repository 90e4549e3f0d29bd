package dev.jobstore.job;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Duration;

/**
 * How long a failed job waits before its next attempt: {@code initial × multiplier^(n-1)} after
 * the n-th attempt, never more than {@code max}. Any component left {@code null} takes its
 * default (PT1S × 2 up to PT1H).
 */
@JsonbPropertyOrder({"initial", "multiplier", "max"})
public record Backoff(Duration initial, Double multiplier, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofHours(1));

    /** This backoff with its missing components taken from {@link #DEFAULT}. */
    /** The backoff stored in a job's columns. */
    public static Backoff ofColumns(long initialMillis, double multiplier, long maxMillis) {
        return new Backoff(Duration.ofMillis(initialMillis), multiplier, Duration.ofMillis(maxMillis));
    }

    public Backoff withDefaults() {
        return new Backoff(
                initial != null ? initial : DEFAULT.initial,
                multiplier != null ? multiplier : DEFAULT.multiplier,
                max != null ? max : DEFAULT.max);
    }

    /** Records what is wrong with a complete backoff. */
    void check(Violations violations) {
        violations
                .require(initial.compareTo(Duration.ZERO) > 0, "backoff.initial must be positive")
                .require(multiplier >= 1.0 && multiplier <= 100.0, "backoff.multiplier must be between 1 and 100")
                .require(max.compareTo(initial) >= 0, "backoff.max must not be shorter than backoff.initial");
    }

    /** The wait after the given attempt (1 for the first) failed. */
    public Duration delayAfter(int attempt) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
