package dev.jobstore.worker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean method as the handler of a queue: a worker pool for it starts when the
 * application deploys and drains when it stops, with no code to start it. The method takes one
 * parameter, the {@code JobLease} or the payload ({@code JsonValue}), and returns the value to
 * fulfill with ({@code JsonValue}, {@code String}, or nothing for JSON null); an exception fails
 * the attempt ({@link FailForGood} fails the job).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface JobHandler {

    String queue();

    int concurrency() default 1;

    /** Lease length, ISO-8601. */
    String lease() default "PT30S";

    /**
     * Most jobs leased in one claim. Above 1, the pool also leases up to this many jobs ahead of
     * its handlers, so short jobs share claims; keep the handlers well within the lease then.
     */
    int batchSize() default 1;
}
