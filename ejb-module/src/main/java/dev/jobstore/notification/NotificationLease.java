package dev.jobstore.notification;

import dev.jobstore.job.LeaseLostException;
import dev.jobstore.lease.CompromiseSignal;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * An in-process notifier's handle on one leased notification. {@link #done} reports the
 * targets reached and ends the lease; if the lease is lost first, the {@link #onCompromised}
 * callbacks run once and {@code done} throws {@link LeaseLostException}.
 */
public final class NotificationLease {

    private final Notifications notifications;
    private final Notification notification;
    private final CompromiseSignal compromise;

    NotificationLease(Notifications notifications, Notification notification, CompromiseSignal compromise) {
        this.notifications = notifications;
        this.notification = notification;
        this.compromise = compromise;
    }

    public Notification notification() {
        return notification;
    }

    public NotificationLease onCompromised(Runnable callback) {
        compromise.onCompromised(callback);
        return this;
    }

    public boolean isCompromised() {
        return compromise.hasFired();
    }

    /** Removes the {@code delivered} targets and ends the lease; the rest stay pending. */
    public void done(List<JsonValue> delivered) {
        try {
            notifications.done(notification.jobId(), notification.token(), delivered);
        } catch (LeaseLostException e) {
            compromise.fire();
            throw e;
        }
    }
}
