package dev.jobstore.batch;

import dev.jobstore.job.Job;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.job.Rows;
import jakarta.batch.api.chunk.listener.AbstractChunkListener;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The chunk listener that fences a batch execution by the job lease it runs under: at the end
 * of every chunk, inside the chunk's transaction (which also writes the chunk's items and its
 * checkpoint), it locks the job's row and checks that the execution's lease token still holds
 * the job's unexpired lease; if not, the chunk rolls back and the step fails. The row lock is
 * held until the chunk commits, so no sweep or claim can take the lease in between. Every chunk
 * step of a batch job that runs as a leased job lists it: {@code <listener ref="jobLeaseFence"/>}.
 * For an execution started by hand (no lease) it does nothing.
 */
@Named(JobLeaseFence.NAME)
@Dependent
public class JobLeaseFence extends AbstractChunkListener {

    static final String NAME = "jobLeaseFence";

    private static final Logger LOG = Logger.getLogger(JobLeaseFence.class.getName());

    @Inject
    JobContext context;

    @Inject
    JobOperator operator;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Override
    public void afterChunk() {
        LeaseParameters lease = LeaseParameters.of(operator.getParameters(context.getExecutionId()));
        if (lease == null) {
            return;
        }
        Job job = Rows.find(em, Job.class, lease.job(), LockModeType.PESSIMISTIC_WRITE);
        try {
            if (job == null) {
                throw new LeaseLostException(lease.job(), "the job is gone");
            }
            job.requireHolder(lease.token(), clock.instant());
        } catch (LeaseLostException e) {
            LOG.warning(() -> "Refused a chunk of batch execution " + context.getExecutionId() + " (job "
                    + context.getJobName() + "): " + e.getMessage() + "; it rolls back");
            throw e;
        }
    }
}
