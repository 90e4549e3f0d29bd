package dev.jobstore.log;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.JobLookup;
import dev.jobstore.job.PayloadTooLargeException;
import dev.jobstore.security.CallerScope;
import dev.jobstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Appends to and reads a job's log. Workers append without a lease token; readers read. */
@Stateless
public class JobLogs {

    static final int MAX_DATA_BYTES = 65536;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CallerScope scope;

    @RolesAllowed({Roles.WORKER, Roles.ADMIN})
    public LogLine append(UUID jobId, LogLine line) {
        requireJob(jobId);
        if (line == null || line.message() == null || line.message().isBlank()) {
            throw new InvalidRequestException("a log line needs a message");
        }
        if (line.message().length() > JobLog.MAX_MESSAGE_LENGTH) {
            throw new InvalidRequestException("message must be at most " + JobLog.MAX_MESSAGE_LENGTH + " characters");
        }
        JsonValue data = line.data();
        if (data != null && data.toString().getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw new PayloadTooLargeException(
                    "log data",
                    data.toString().getBytes(StandardCharsets.UTF_8).length,
                    MAX_DATA_BYTES,
                    "a fixed limit");
        }
        JobLog log = new JobLog(jobId, clock.instant(), LogLevel.parse(line.level()), line.message(), data);
        em.persist(log);
        return log.view();
    }

    /** Records an admin's change of the job (who did what), in the caller's transaction. */
    @RolesAllowed(Roles.ADMIN)
    public void audit(UUID jobId, String message) {
        em.persist(new JobLog(jobId, clock.instant(), LogLevel.INFO, message, null));
    }

    /** The job's log, oldest line first. */
    @RolesAllowed({Roles.PRODUCER, Roles.WORKER, Roles.VIEWER, Roles.ADMIN})
    public List<LogLine> lines(UUID jobId) {
        requireJob(jobId);
        return em.createQuery("select l from JobLog l where l.jobId = :job order by l.id", JobLog.class)
                .setParameter("job", jobId)
                .getResultStream()
                .map(JobLog::view)
                .toList();
    }

    private void requireJob(UUID jobId) {
        scope.requireJob(jobId, JobLookup.require(em, jobId, LockModeType.NONE).queue());
    }
}
