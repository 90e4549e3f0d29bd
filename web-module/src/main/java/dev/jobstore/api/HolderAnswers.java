package dev.jobstore.api;

import dev.jobstore.api.problem.Problem;
import dev.jobstore.api.problem.Problems;
import dev.jobstore.job.JobStatus;
import dev.jobstore.store.HolderAnswer;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The answer to a batch acknowledgement or heartbeat: how many writes were stored and refused,
 * and job by job, in request order, the status after a stored write (and a heartbeat's new
 * expiry) or the problem the single call would have answered.
 */
@JsonbPropertyOrder({"stored", "refused", "jobs"})
public record HolderAnswers(int stored, int refused, List<Job> jobs) {

    /** What became of one job. */
    @JsonbPropertyOrder({"id", "action", "status", "expiresAt", "problem"})
    public record Job(UUID id, String action, JobStatus status, Instant expiresAt, Problem problem) {}

    static HolderAnswers of(List<HolderAnswer> answers) {
        int stored = (int) answers.stream().filter(HolderAnswer::isStored).count();
        return new HolderAnswers(
                stored,
                answers.size() - stored,
                answers.stream()
                        .map(answer -> new Job(
                                answer.jobId(),
                                answer.action().name().toLowerCase(Locale.ROOT),
                                answer.status(),
                                answer.expiresAt(),
                                answer.isStored()
                                        ? null
                                        : Problems.classify(answer.refusal()).orElseThrow()))
                        .toList());
    }
}
