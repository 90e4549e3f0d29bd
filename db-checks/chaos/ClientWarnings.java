import dev.jobstore.client.JobstoreException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The Java client's own calls (pulls, acknowledgements, heartbeats) are not the check's to
 * record, but the client logs each one that fails: a refusal it logs is recorded as a call of
 * kind "client", so a 5xx other than 503 or an unexpected 4xx fails the run as any other call
 * does. Failures without an answer (a node down) only count.
 */
final class ClientWarnings extends Handler {

    /** Held here: java.util.logging keeps only weak references to its loggers. */
    private static final Logger CLIENT = Logger.getLogger("dev.jobstore.client");

    private ClientWarnings() {}

    static void watch() {
        CLIENT.setUseParentHandlers(false); // the chaos makes many; the counts say enough
        CLIENT.addHandler(new ClientWarnings());
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() < Level.WARNING.intValue() || record.getThrown() == null) {
            return; // refused answers and lost leases are logged without one: Load counts those
        }
        Calls.record("client", record.getThrown() instanceof JobstoreException refused
                ? new Api.Answer(refused.status(), refused.getMessage(), 0)
                : new Api.Answer(0, String.valueOf(record.getThrown()), 0));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
