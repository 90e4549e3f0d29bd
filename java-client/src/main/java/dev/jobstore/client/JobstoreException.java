package dev.jobstore.client;

/**
 * The server refused a request: its HTTP status and the problem it answered ({@code type} such
 * as {@code lease-lost}, {@code job-not-found}, {@code invalid-request}; see the README's list).
 */
public class JobstoreException extends RuntimeException {

    private final int status;
    private final String type;

    public JobstoreException(int status, String type, String detail) {
        super(status + " " + type + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    /** The problem's type, e.g. {@code lease-lost}; {@code unknown} when the answer was not a problem. */
    public String type() {
        return type;
    }
}
