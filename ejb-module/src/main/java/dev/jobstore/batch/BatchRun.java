package dev.jobstore.batch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The batch execution a leased job last started (see {@link LeasedBatches}). */
@Entity
@Table(name = "batch_run")
public class BatchRun {

    @Id
    @Column(name = "job_id")
    private UUID jobId;

    @Column(name = "execution_id", nullable = false)
    private long executionId;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected BatchRun() {}

    BatchRun(UUID jobId, long executionId, Instant recordedAt) {
        this.jobId = jobId;
        this.executionId = executionId;
        this.recordedAt = recordedAt;
    }

    long executionId() {
        return executionId;
    }

    void moveTo(long newExecutionId, Instant now) {
        executionId = newExecutionId;
        recordedAt = now;
    }
}
