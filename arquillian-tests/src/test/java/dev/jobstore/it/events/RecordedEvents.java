package dev.jobstore.it.events;

import dev.jobstore.event.JobCompromised;
import dev.jobstore.event.JobCreated;
import dev.jobstore.event.JobFailed;
import dev.jobstore.event.JobFulfilled;
import dev.jobstore.event.NotificationCompromised;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event the store fires, as an application's observer would see them. */
@ApplicationScoped
public class RecordedEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    void created(@Observes JobCreated event) {
        events.add(event);
    }

    void fulfilled(@Observes JobFulfilled event) {
        events.add(event);
    }

    void failed(@Observes JobFailed event) {
        events.add(event);
    }

    void compromised(@Observes JobCompromised event) {
        events.add(event);
    }

    void notificationCompromised(@Observes NotificationCompromised event) {
        events.add(event);
    }

    /** The events of one type about one job, in the order they were fired. */
    public <T> List<T> about(UUID jobId, Class<T> type) {
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(event -> jobId.equals(idOf(event)))
                .toList();
    }

    private static UUID idOf(Object event) {
        if (event instanceof JobCreated e) {
            return e.jobId();
        }
        if (event instanceof JobFulfilled e) {
            return e.jobId();
        }
        if (event instanceof JobFailed e) {
            return e.jobId();
        }
        if (event instanceof NotificationCompromised e) {
            return e.jobId();
        }
        return ((JobCompromised) event).jobId();
    }
}
