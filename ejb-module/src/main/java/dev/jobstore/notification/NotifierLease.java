package dev.jobstore.notification;

import dev.jobstore.job.Lease;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A notifier's lease on a fulfilled job's pending targets: while it exists, no other notifier
 * is given them. It ends when the notifier reports back ({@code done}) or when it expires (the
 * sweep takes it away and the notifier is compromised).
 */
@Entity
@Table(
        name = "job_notification_lease",
        indexes = @Index(name = "ix_notification_lease_expiry", columnList = "lease_expires_at"))
public class NotifierLease {

    @Id
    @Column(name = "job_id")
    private UUID jobId;

    @Embedded
    private Lease lease;

    protected NotifierLease() {}

    NotifierLease(UUID jobId, Lease lease) {
        this.jobId = jobId;
        this.lease = lease;
    }

    /** Throws {@link dev.jobstore.job.LeaseLostException} unless {@code token} holds this lease at {@code now}. */
    void requireHeldBy(String token, Instant now) {
        lease.requireHeldBy(jobId, token, now);
    }

    public UUID jobId() {
        return jobId;
    }

    public Lease lease() {
        return lease;
    }
}
