package dev.jobstore.history;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.QueueMinute;
import dev.jobstore.job.QueueName;
import dev.jobstore.security.CallerScope;
import dev.jobstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Reads the queues' history by the minute (the queues the caller may use). */
@Stateless
@RolesAllowed({Roles.PRODUCER, Roles.WORKER, Roles.VIEWER, Roles.ADMIN})
public class QueueHistory {

    private static final Duration LONGEST_WINDOW = Duration.ofDays(7);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CallerScope scope;

    /**
     * The minutes of the last {@code window} (the current minute included), of one queue or
     * ({@code queue} null) of every queue, oldest first.
     */
    public List<MinuteView> last(Duration window, String queue) {
        if (window.isNegative() || window.isZero() || window.compareTo(LONGEST_WINDOW) > 0) {
            throw new InvalidRequestException("window must be positive and at most " + LONGEST_WINDOW);
        }
        if (queue != null) {
            scope.requireQueue(QueueName.require(queue));
        }
        Instant from = clock.instant().minus(window).truncatedTo(ChronoUnit.MINUTES);
        return em.createQuery(
                        "select m from QueueMinute m where m.minute >= :from and (:queue is null or m.queue = :queue)"
                                + " order by m.minute, m.queue",
                        QueueMinute.class)
                .setParameter("from", from)
                .setParameter("queue", queue)
                .getResultStream()
                .filter(minute -> scope.allows(minute.queue()))
                .map(MinuteView::of)
                .toList();
    }
}
