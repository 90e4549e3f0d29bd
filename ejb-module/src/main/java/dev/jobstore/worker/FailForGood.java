package dev.jobstore.worker;

/**
 * Thrown by a handler for a job that no retry can help (a malformed payload, say): the job is
 * FAILED at once, whatever attempts it has left. Any other exception fails the attempt, and the
 * job is retried after its backoff while attempts remain.
 */
public class FailForGood extends Exception {

    public FailForGood(String message) {
        super(message);
    }
}
