package dev.jobstore.client;

/** Thrown by a {@link JobHandler}: the job fails for good, whatever attempts it has left. */
public class PermanentFailure extends Exception {

    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
