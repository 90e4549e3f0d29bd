package dev.jobstore.client;

/**
 * What the server made of one answer a handler gave (a fulfill, fail or release sent in a batch
 * acknowledgement), for workers that audit or count their work.
 *
 * @param action  {@code fulfill}, {@code fail} or {@code release}
 * @param outcome whether it was stored
 * @param problem the refusal's problem type when {@link Outcome#REFUSED}: {@code lease-lost}
 *                (the lease expired or was taken; another holder may have the job now),
 *                {@code job-not-found}, {@code value-too-large}...; otherwise null
 */
public record Acknowledgement(LeasedJob job, String action, Outcome outcome, String problem) {

    public enum Outcome {
        STORED,
        REFUSED,
        /**
         * No answer came, after retries: stored or not. If not, the lease expires and the job
         * returns to the queue.
         */
        UNKNOWN
    }
}
