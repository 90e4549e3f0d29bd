package dev.jobstore.retention;

import dev.jobstore.job.FinishedBefore;
import dev.jobstore.job.JobStatus;
import dev.jobstore.storage.JobStorage;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the ids of prunable jobs one final status after the other, each in id order, a page at a
 * time (keyset paging). Its checkpoint is the status and the last id it handed out, so a
 * restarted execution goes on after the last chunk that committed. The retention is fixed when the reader opens, from the run's parameters (else the
 * configured defaults), and shared with {@link PrunedJobs} through the step context.
 */
@Named("prunableJobs")
@Dependent
public class PrunableJobs extends AbstractItemReader {

    private static final UUID FIRST = new UUID(0, 0);
    private static final String DONE = "DONE";

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

    @Inject
    @BatchProperty
    String workShare;

    private Pace pace;

    private List<Map.Entry<JobStatus, Instant>> statuses;
    private int current;
    private UUID last = FIRST;
    private final Deque<UUID> page = new ArrayDeque<>();

    @Override
    public void open(Serializable checkpoint) {
        Retention retention = settings.retention(fulfilled, failed, cancelled);
        Instant now = clock.instant();
        FinishedBefore cutoffs = new FinishedBefore(
                Retention.cutoff(retention.fulfilled(), now),
                Retention.cutoff(retention.failed(), now),
                Retention.cutoff(retention.cancelled(), now));
        step.setTransientUserData(cutoffs); // for the writer's check
        pace = new Pace(PruneParameters.workShare(workShare), System::nanoTime);
        statuses = List.copyOf(cutoffs.byStatus().entrySet());
        if (DONE.equals(checkpoint)) {
            current = statuses.size();
        } else if (checkpoint != null) {
            String[] position = ((String) checkpoint).split("/");
            JobStatus status = JobStatus.valueOf(position[0]);
            while (current < statuses.size() && statuses.get(current).getKey() != status) {
                current++;
            }
            last = UUID.fromString(position[1]);
        }
    }

    @Override
    public Object readItem() throws InterruptedException {
        int size = Integer.parseInt(pageSize);
        if (page.isEmpty()) {
            pace.restBeforeNextPage(); // a page is a chunk: rest before it takes its locks
        }
        while (page.isEmpty() && current < statuses.size()) {
            Map.Entry<JobStatus, Instant> status = statuses.get(current);
            page.addAll(storage.prunable(status.getKey(), status.getValue(), last, size));
            if (page.isEmpty()) { // this status is done: the next one, from its first id
                current++;
                last = FIRST;
            }
        }
        UUID next = page.poll();
        if (next != null) {
            last = next;
        }
        return next;
    }

    /** Where the run is: a status and the last id read of it. */
    @Override
    public Serializable checkpointInfo() {
        return current < statuses.size() ? statuses.get(current).getKey() + "/" + last : DONE;
    }
}
