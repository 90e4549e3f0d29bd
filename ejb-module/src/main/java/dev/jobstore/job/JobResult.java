package dev.jobstore.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * The value a job was fulfilled with. Kept apart from {@link Job} so that reading, claiming and
 * sweeping jobs never loads result bytes; keyed by the job id, so at most one is ever stored.
 */
@Entity
@Table(name = "job_result")
public class JobResult {

    /** Room for a value of the largest configurable limit. */
    static final int CONTENT_COLUMN_LENGTH = 268_435_456;

    @Id
    @Column(name = "job_id")
    private UUID jobId;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(name = "content", nullable = false, length = CONTENT_COLUMN_LENGTH)
    private byte[] content;

    protected JobResult() {}

    public JobResult(UUID jobId, String contentType, byte[] content) {
        this.jobId = jobId;
        this.contentType = contentType;
        this.content = content.clone();
    }

    public UUID jobId() {
        return jobId;
    }

    public StoredResult toStoredResult() {
        return new StoredResult(contentType, content.clone());
    }
}
