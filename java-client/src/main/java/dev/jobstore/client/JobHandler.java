package dev.jobstore.client;

import jakarta.json.JsonValue;

/**
 * Does one job's work and returns its value (stored as JSON). Throwing fails the attempt: it is
 * retried after the job's backoff while attempts remain, unless the exception is a {@link
 * PermanentFailure}. When the lease is lost meanwhile the handler's thread is interrupted and
 * whatever it returns is dropped.
 */
@FunctionalInterface
public interface JobHandler {

    JsonValue handle(LeasedJob job) throws Exception;
}
