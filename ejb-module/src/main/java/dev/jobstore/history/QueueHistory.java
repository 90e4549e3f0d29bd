package dev.jobstore.history;

import dev.jobstore.job.InvalidRequestException;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * ({@code queue} null) of every queue, oldest first, summed into buckets of {@code step} (a
     * whole number of minutes; the depth of a bucket is the highest sampled in it).
     */
    public List<MinuteView> last(Duration window, String queue, Duration step) {
        if (window.isNegative() || window.isZero() || window.compareTo(LONGEST_WINDOW) > 0) {
            throw new InvalidRequestException("window must be positive and at most " + LONGEST_WINDOW);
        }
        if (step.toSeconds() < 60
                || step.toSeconds() % 60 != 0
                || step.toNanosPart() != 0
                || step.compareTo(window) > 0) {
            throw new InvalidRequestException("step must be a whole number of minutes, at most the window");
        }
        if (queue != null) {
            scope.requireQueue(QueueName.require(queue));
        }
        Instant from = clock.instant().minus(window).truncatedTo(ChronoUnit.MINUTES);
        Map<String, MinuteView> buckets = new LinkedHashMap<>();
        em.createQuery(
                        "select new dev.jobstore.history.MinuteView(m.queue, m.minute, m.created, m.fulfilled, m.failed,"
                                + " m.pending, m.running) from QueueMinute m"
                                + " where m.minute >= :from and (:queue is null or m.queue = :queue)"
                                + " order by m.minute, m.queue",
                        MinuteView.class)
                .setParameter("from", from)
                .setParameter("queue", queue)
                .getResultStream()
                .filter(minute -> scope.allows(minute.queue()))
                .map(minute -> minute.startingAt(bucketOf(minute.minute(), step)))
                .forEach(minute -> buckets.merge(minute.queue() + '@' + minute.minute(), minute, MinuteView::plus));
        return buckets.values().stream()
                .sorted(Comparator.comparing(MinuteView::minute).thenComparing(MinuteView::queue))
                .toList();
    }

    private static Instant bucketOf(Instant minute, Duration step) {
        long seconds = step.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(minute.getEpochSecond(), seconds) * seconds);
    }
}
