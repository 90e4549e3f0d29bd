package dev.jobstore.retention;

import dev.jobstore.job.FinishedBefore;
import dev.jobstore.storage.JobStorage;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * Deletes a chunk of the jobs {@link PrunableJobs} read, in the chunk's transaction: it locks
 * those that may still be pruned (one may have changed since it was read), archives them first
 * when the run asks for it, then deletes them. The number deleted so far is its checkpoint, and
 * the step's exit status at the end ({@code PRUNED <n>}).
 */
@Named("prunedJobs")
@Dependent
public class PrunedJobs extends AbstractItemWriter {

    @Inject
    JobStorage storage;

    @Inject
    JobArchive archive;

    @Inject
    RetentionSettings settings;

    @Inject
    StepContext step;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty(name = "archive")
    String archiveParameter;

    private long pruned;

    @Override
    public void open(Serializable checkpoint) {
        pruned = checkpoint == null ? 0 : (Long) checkpoint;
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        List<UUID> ids = storage.lockPrunable(
                items.stream().map(UUID.class::cast).toList(), (FinishedBefore) step.getTransientUserData());
        if (PruneParameters.archives(archiveParameter, settings)) {
            archive.write(settings.archiveDirectory().orElseThrow(), job.getInstanceId(), ids);
        }
        storage.delete(ids);
        pruned += ids.size();
    }

    @Override
    public Serializable checkpointInfo() {
        return pruned;
    }

    @Override
    public void close() {
        step.setExitStatus("PRUNED " + pruned);
    }
}
