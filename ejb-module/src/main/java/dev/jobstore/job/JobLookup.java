package dev.jobstore.job;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.UUID;

/** Finds a job by id for any service that acts on one, refusing a missing id or job. */
public final class JobLookup {

    private JobLookup() {}

    /** The job, locked as asked; {@link JobNotFoundException} when there is none. */
    public static Job require(EntityManager em, UUID id, LockModeType lock) {
        if (id == null) {
            throw new InvalidRequestException("a job id is required");
        }
        Job job = Rows.find(em, Job.class, id, lock);
        if (job == null) {
            throw new JobNotFoundException(id);
        }
        return job;
    }
}
