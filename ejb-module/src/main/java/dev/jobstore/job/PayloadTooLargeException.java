package dev.jobstore.job;

/** A payload, value or request body is larger than the configured limit. */
public class PayloadTooLargeException extends JobStoreException {

    public PayloadTooLargeException(String what, long size, long limit, String setting) {
        super(what + " is " + size + " bytes; the limit is " + limit + " bytes (" + setting + ")");
    }

    /** The same problem with {@code detail} in front (e.g. which batch item). */
    public PayloadTooLargeException(String detail) {
        super(detail);
    }

    public PayloadTooLargeException(String what, long limit, String setting) {
        super(what + " is larger than the limit of " + limit + " bytes (" + setting + ")");
    }
}
