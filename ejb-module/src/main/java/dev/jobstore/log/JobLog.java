package dev.jobstore.log;

import dev.jobstore.job.JsonValueConverter;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One line of a job's log. The identity id keeps lines of the same millisecond in order. */
@Entity
@Table(name = "job_log", indexes = @Index(name = "ix_log_job", columnList = "job_id, id"))
public class JobLog {

    static final int MAX_MESSAGE_LENGTH = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "job_id", nullable = false)
    private UUID jobId;

    @Column(name = "logged_at", nullable = false)
    private Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private LogLevel level;

    @Column(nullable = false, length = MAX_MESSAGE_LENGTH)
    private String message;

    @Convert(converter = JsonValueConverter.class)
    @Column(length = 65536)
    private JsonValue data;

    protected JobLog() {}

    JobLog(UUID jobId, Instant at, LogLevel level, String message, JsonValue data) {
        this.jobId = jobId;
        this.at = at;
        this.level = level;
        this.message = message;
        this.data = data;
    }

    LogLine view() {
        return new LogLine(at, level.label(), message, data);
    }
}
