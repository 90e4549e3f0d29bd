package dev.jobstore.batch;

import dev.jobstore.job.Rows;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.UUID;

/** Which batch execution each leased job last started, each record committed at once. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BatchRuns {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public OptionalLong last(UUID job) {
        BatchRun run = Rows.find(em, BatchRun.class, job);
        return run == null ? OptionalLong.empty() : OptionalLong.of(run.executionId());
    }

    public void record(UUID job, long execution) {
        BatchRun run = Rows.find(em, BatchRun.class, job);
        if (run == null) {
            em.persist(new BatchRun(job, execution, clock.instant()));
        } else {
            run.moveTo(execution, clock.instant());
        }
    }
}
