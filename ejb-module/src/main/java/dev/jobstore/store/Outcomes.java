package dev.jobstore.store;

import dev.jobstore.job.Job;
import dev.jobstore.job.JobLookup;
import dev.jobstore.job.JobOutcome;
import dev.jobstore.job.JobResult;
import dev.jobstore.job.JobStatus;
import dev.jobstore.job.Rows;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Reads jobs' outcomes for {@link JobStore#awaitOutcome}, whose waits read again from timer
 * threads; the caller's right to see the job was checked once, when the wait began.
 */
@Stateless
public class Outcomes {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Where the job stands now, with its value if it is FULFILLED. */
    public JobOutcome read(UUID id) {
        Job job = JobLookup.require(em, id, LockModeType.NONE);
        JobStatus status = job.status(clock.instant());
        return JobOutcome.of(
                job,
                status,
                status == JobStatus.FULFILLED
                        ? Rows.find(em, JobResult.class, id).toStoredResult()
                        : null);
    }

    /** The job's outcome if it is final, otherwise nothing (a waiter's claim). */
    public List<JobOutcome> readIfFinal(UUID id) {
        JobOutcome outcome = read(id);
        return outcome.isFinal() ? List.of(outcome) : List.of();
    }
}
