package dev.jobstore.lease;

import dev.jobstore.event.JobCompromised;
import dev.jobstore.event.NotificationCompromised;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-process lease handles (work and notification) that are still live, by token, so that
 * a compromised event reaches the handle it concerns. A handle leaves when its lease ends,
 * either way.
 */
@ApplicationScoped
public class LeaseHandles {

    @Resource
    ManagedExecutorService executor;

    private final ConcurrentMap<String, CompromiseSignal> byToken = new ConcurrentHashMap<>();

    /** The compromise signal of a lease handle, registered under its lease's token. */
    public CompromiseSignal register(String token) {
        CompromiseSignal signal = new CompromiseSignal(executor, () -> close(token));
        byToken.put(token, signal);
        return signal;
    }

    /** The lease ended normally: nothing to tell its handle. */
    public void close(String token) {
        byToken.remove(token);
    }

    void onJobCompromised(@Observes JobCompromised event) {
        compromised(event.token());
    }

    void onNotificationCompromised(@Observes NotificationCompromised event) {
        compromised(event.token());
    }

    private void compromised(String token) {
        CompromiseSignal signal = byToken.remove(token);
        if (signal != null) {
            signal.fire();
        }
    }
}
