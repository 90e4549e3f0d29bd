package dev.jobstore.api.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * An RFC 9457 problem body. {@code instance} is set for internal errors only: the id under
 * which the server logged the details.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance"})
public record Problem(String type, String title, int status, String detail, String instance) {

    static Problem of(ProblemType type, String detail) {
        return new Problem(type.slug(), type.title(), type.status(), detail, null);
    }
}
