package dev.jobstore.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One minute of a queue's history: jobs created, fulfilled and failed in it (the sum of what
 * every node saw), and the queue's depth sampled in it ({@code null} when no node sampled).
 */
@Entity
@Table(name = "queue_minute")
@IdClass(QueueMinute.Key.class)
public class QueueMinute {

    @Id
    @Column(length = 100)
    private String queue;

    @Id
    @Column(name = "minute_start") // MINUTE is a keyword in H2
    private Instant minute;

    @Column(nullable = false)
    private long created;

    @Column(nullable = false)
    private long fulfilled;

    @Column(nullable = false)
    private long failed;

    private Long pending;

    private Long running;

    protected QueueMinute() {}

    public QueueMinute(String queue, Instant minute) {
        this.queue = queue;
        this.minute = minute;
    }

    public void add(MinuteCounts counts) {
        created += counts.created();
        fulfilled += counts.fulfilled();
        failed += counts.failed();
    }

    public void setDepth(long pending, long running) {
        this.pending = pending;
        this.running = running;
    }

    public String queue() {
        return queue;
    }

    public Instant minute() {
        return minute;
    }

    public long created() {
        return created;
    }

    public long fulfilled() {
        return fulfilled;
    }

    public long failed() {
        return failed;
    }

    public Long pending() {
        return pending;
    }

    public Long running() {
        return running;
    }

    /** The key: a queue and the start of a minute. */
    public static class Key implements Serializable {
        private String queue;
        private Instant minute;

        protected Key() {}

        public Key(String queue, Instant minute) {
            this.queue = queue;
            this.minute = minute;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && queue.equals(key.queue) && minute.equals(key.minute);
        }

        @Override
        public int hashCode() {
            return Objects.hash(queue, minute);
        }
    }
}
