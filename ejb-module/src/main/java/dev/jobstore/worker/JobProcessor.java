package dev.jobstore.worker;

import dev.jobstore.store.JobLease;
import jakarta.json.JsonValue;

/** The work for one job. */
@FunctionalInterface
public interface JobProcessor {

    /**
     * Does the work. The returned value fulfills the job ({@code null} stores JSON null); an
     * exception fails the attempt (retried after the backoff while attempts remain; {@link
     * FailForGood} fails the job). If the
     * lease is lost meanwhile, the thread is interrupted and nothing returned is stored.
     */
    JsonValue process(JobLease lease) throws Exception;
}
