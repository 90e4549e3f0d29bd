package dev.jobstore.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * On PostgreSQL, listens for other nodes' announcements on one dedicated connection and hands
 * their channels on, so a job created on node A reaches a long poll on node B at once. If the
 * connection breaks (database restart, a killed session) it reconnects; meanwhile the pulls'
 * periodic recheck still finds the work, and once it listens again it wakes every waiting pull,
 * since the announcements of the gap are lost. Runs until closed.
 */
final class ClusterListener implements Runnable, NodeListener {

    /** The PostgreSQL channel every node notifies and listens on. */
    static final String PG_CHANNEL = "jobstore_wake";

    private static final Logger LOG = Logger.getLogger(ClusterListener.class.getName());
    private static final int POLL_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 1000;

    private final DataSource dataSource;
    private final Consumer<String> wake;
    private final Runnable wakeAll;
    private volatile boolean running = true;
    private volatile boolean connected;
    private final CountDownLatch listening = new CountDownLatch(1);

    ClusterListener(DataSource dataSource, Consumer<String> wake, Runnable wakeAll) {
        this.dataSource = dataSource;
        this.wake = wake;
        this.wakeAll = wakeAll;
    }

    @Override
    public void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + PG_CHANNEL);
                connected = true;
                if (listening.getCount() == 0) {
                    wakeAll.run(); // listening again after a break
                }
                listening.countDown();
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            String channel = NodeMessage.channelFrom(notification.getParameter());
                            if (channel != null) {
                                wake.accept(channel);
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                connected = false;
                if (running) {
                    LOG.log(Level.WARNING, "Listening for other nodes failed; reconnecting in 1 s", e);
                    sleepBeforeReconnect();
                }
            }
        }
    }

    /** Waits until the first LISTEN is in place; false if it is not within {@code timeout}. */
    boolean awaitListening(Duration timeout) {
        try {
            return listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public ListenerState state() {
        return connected ? ListenerState.LISTENING : ListenerState.RECONNECTING;
    }

    @Override
    public void close() {
        running = false;
    }

    private void sleepBeforeReconnect() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
