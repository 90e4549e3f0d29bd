package dev.jobstore.job;

import java.util.List;
import java.util.UUID;

/**
 * Where a job stands for someone awaiting its result: its status and, once it is final, how it
 * ended (the stored value, the last failure, or why it was cancelled).
 *
 * @param value the stored value when FULFILLED, otherwise null
 * @param error the last failure when FAILED, why when CANCELLED, otherwise null
 */
public record JobOutcome(UUID id, JobStatus status, StoredResult value, String error) {

    /** The outcome of {@code job}, whose stored value ({@code value}) is read only when it is FULFILLED. */
    public static JobOutcome of(Job job, JobStatus status, StoredResult value) {
        return switch (status) {
            case FULFILLED -> new JobOutcome(job.id(), status, value, null);
            case FAILED -> new JobOutcome(job.id(), status, null, lastError(job.failures()));
            case CANCELLED -> new JobOutcome(job.id(), status, null, job.reason());
            default -> new JobOutcome(job.id(), status, null, null);
        };
    }

    public boolean isFinal() {
        return status.isFinal();
    }

    /**
     * The stored value; otherwise why there is none: the job failed or was cancelled, or it is
     * not final yet ({@link ResultNotFoundException}).
     */
    public StoredResult requireValue() {
        return switch (status) {
            case FULFILLED -> value;
            case FAILED -> throw new JobFailedException(id, error);
            case CANCELLED -> throw new JobCancelledException(id, error);
            default -> throw new ResultNotFoundException(id, status);
        };
    }

    private static String lastError(List<Failure> failures) {
        return failures.isEmpty() ? null : failures.get(failures.size() - 1).getError();
    }
}
