package dev.jobstore.worker;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** A node's worker pool as it last reported itself (see {@link PoolReports}). */
@Entity
@Table(name = "worker_pool")
@JsonbPropertyOrder({"node", "name", "queue", "concurrency", "running", "idle", "paused", "reportedAt"})
public class PoolReport {

    @Id
    @Column(length = 300)
    private String name;

    @Column(nullable = false, length = 200)
    private String node;

    @Column(nullable = false, length = 100)
    private String queue;

    @Column(nullable = false)
    private int concurrency;

    @Column(nullable = false)
    private int running;

    @Column(nullable = false)
    private boolean paused;

    @Column(name = "reported_at", nullable = false)
    private Instant reportedAt;

    protected PoolReport() {}

    /**
     * A report older than this is from a node that is gone (or cannot reach the database): ten
     * report intervals, at least a minute.
     */
    static Duration staleAfter(Duration reportInterval) {
        Duration tenReports = reportInterval.multipliedBy(10);
        return tenReports.compareTo(Duration.ofMinutes(1)) > 0 ? tenReports : Duration.ofMinutes(1);
    }

    PoolReport(String node, PoolStatus status, Instant reportedAt) {
        this.name = status.name();
        this.node = node;
        this.queue = status.queue();
        this.concurrency = status.concurrency();
        this.running = status.running();
        this.paused = status.paused();
        this.reportedAt = reportedAt;
    }

    public String getName() {
        return name;
    }

    public String getNode() {
        return node;
    }

    public String getQueue() {
        return queue;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public int getRunning() {
        return running;
    }

    /** Handler slots free now. */
    public int getIdle() {
        return Math.max(0, concurrency - running);
    }

    public boolean isPaused() {
        return paused;
    }

    public Instant getReportedAt() {
        return reportedAt;
    }
}
