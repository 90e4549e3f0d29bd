package dev.jobstore.retention;

import dev.jobstore.job.FinishedBefore;
import dev.jobstore.storage.JobStorage;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * Reads the ids of prunable jobs in id order, a page at a time (keyset paging). Its checkpoint
 * is the last id it handed out, so a restarted execution goes on after the last chunk that
 * committed. The retention is fixed when the reader opens, from the run's parameters (else the
 * configured defaults), and shared with {@link PrunedJobs} through the step context.
 */
@Named("prunableJobs")
@Dependent
public class PrunableJobs extends AbstractItemReader {

    private static final UUID FIRST = new UUID(0, 0);

    @Inject
    JobStorage storage;

    @Inject
    RetentionSettings settings;

    @Inject
    Clock clock;

    @Inject
    StepContext step;

    @Inject
    @BatchProperty
    String fulfilled;

    @Inject
    @BatchProperty
    String failed;

    @Inject
    @BatchProperty
    String cancelled;

    @Inject
    @BatchProperty(name = "pageSize")
    String pageSize;

    private FinishedBefore cutoffs;
    private final Deque<UUID> page = new ArrayDeque<>();
    private UUID last = FIRST;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        Retention retention = settings.retention(fulfilled, failed, cancelled);
        cutoffs = new FinishedBefore(
                Retention.cutoff(retention.fulfilled(), clock.instant()),
                Retention.cutoff(retention.failed(), clock.instant()),
                Retention.cutoff(retention.cancelled(), clock.instant()));
        step.setTransientUserData(cutoffs); // for the writer's check
        if (checkpoint != null) {
            last = UUID.fromString((String) checkpoint);
        }
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            int size = Integer.parseInt(pageSize);
            page.addAll(storage.prunable(last, cutoffs, size));
            exhausted = page.size() < size;
        }
        UUID next = page.poll();
        if (next != null) {
            last = next;
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return last.toString();
    }
}
