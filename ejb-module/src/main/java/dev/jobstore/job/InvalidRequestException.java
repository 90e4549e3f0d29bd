package dev.jobstore.job;

/** The request itself is wrong: a bad name, a value out of range, a missing field. */
public class InvalidRequestException extends JobStoreException {

    public InvalidRequestException(String detail) {
        super(detail);
    }
}
