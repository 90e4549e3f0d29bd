package dev.jobstore.storage;

import dev.jobstore.job.MinuteCounts;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Adds to a queue's minute of history on PostgreSQL in one statement per row, whichever node
 * inserts the row first: several nodes flush their counts for the same minute, and none must
 * wait on another's insert or lose to it.
 */
final class HistoryStatement {

    private static final String ADD_COUNTS = """
            insert into queue_minute (queue, minute_start, created, fulfilled, failed) values (?, ?, ?, ?, ?)
            on conflict (queue, minute_start) do update set created = queue_minute.created + excluded.created,
                fulfilled = queue_minute.fulfilled + excluded.fulfilled, failed = queue_minute.failed + excluded.failed""";

    private static final String SET_DEPTH = """
            insert into queue_minute (queue, minute_start, created, fulfilled, failed, pending, running)
            values (?, ?, 0, 0, 0, ?, ?)
            on conflict (queue, minute_start) do update set pending = excluded.pending, running = excluded.running""";

    private HistoryStatement() {}

    static void add(EntityManager em, MinuteCounts counts) {
        em.createNativeQuery(ADD_COUNTS)
                .setParameter(1, counts.queue())
                .setParameter(2, at(counts.minute()))
                .setParameter(3, counts.created())
                .setParameter(4, counts.fulfilled())
                .setParameter(5, counts.failed())
                .executeUpdate();
    }

    static void setDepth(EntityManager em, String queue, Instant minute, long pending, long running) {
        em.createNativeQuery(SET_DEPTH)
                .setParameter(1, queue)
                .setParameter(2, at(minute))
                .setParameter(3, pending)
                .setParameter(4, running)
                .executeUpdate();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
