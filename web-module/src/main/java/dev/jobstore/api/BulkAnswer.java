package dev.jobstore.api;

import dev.jobstore.api.problem.Problem;
import dev.jobstore.api.problem.Problems;
import dev.jobstore.control.BulkOutcome;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.UUID;

/**
 * What a bulk call did: how many jobs changed, the refused ones each with the problem a single
 * call would have answered, and the cursor of the next chunk (null when done).
 */
@JsonbPropertyOrder({"applied", "refused", "next"})
public record BulkAnswer(int applied, List<Refused> refused, String next) {

    /** A job the action did not change. */
    @JsonbPropertyOrder({"id", "problem"})
    public record Refused(UUID id, Problem problem) {}

    static BulkAnswer of(BulkOutcome outcome) {
        return new BulkAnswer(
                outcome.applied(),
                outcome.refused().stream()
                        .map(refusal -> new Refused(
                                refusal.id(), Problems.classify(refusal.error()).orElseThrow()))
                        .toList(),
                outcome.next() == null ? null : outcome.next().toString());
    }
}
