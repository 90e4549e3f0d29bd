package dev.jobstore.job;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** One failed attempt at a job: when, which attempt, and what the worker said. */
@Embeddable
@JsonbPropertyOrder({"at", "attempt", "error"})
public class Failure {

    /** Longer error texts (whole stack traces) are cut to this many characters. */
    static final int MAX_ERROR_LENGTH = 8000;

    @Column(name = "failed_at", nullable = false)
    private Instant at;

    @Column(name = "attempt", nullable = false)
    private int attempt;

    @Column(name = "error", nullable = false, length = MAX_ERROR_LENGTH)
    private String error;

    protected Failure() {}

    Failure(Instant at, int attempt, String error) {
        this.at = at;
        this.attempt = attempt;
        this.error = truncate(error == null || error.isBlank() ? "(no error given)" : error);
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    public Instant getAt() {
        return at;
    }

    public int getAttempt() {
        return attempt;
    }

    public String getError() {
        return error;
    }
}
