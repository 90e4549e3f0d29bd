package dev.jobstore.batch;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.JobStoreException;
import dev.jobstore.job.Jsonp;
import dev.jobstore.job.LeaseLostException;
import dev.jobstore.log.JobLogs;
import dev.jobstore.log.LogLine;
import dev.jobstore.store.JobLease;
import dev.jobstore.store.SystemIdentity;
import dev.jobstore.worker.FailForGood;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Runs a Jakarta Batch job as the work of a leased job ({@code {"batchJob": ..., "parameters":
 * ...}} on the batch queue): the execution carries the lease in its job parameters, every chunk
 * checks it ({@link JobLeaseFence}), the handler's pool heartbeats it while the execution runs,
 * finished steps are the job's progress, and the job is fulfilled with the execution's view.
 *
 * <p><b>Taking over a dead node's execution.</b> The job's next holder (after the lease of a
 * node that died or stalled expired and was swept) finds the execution the job last started and
 * restarts it from its last checkpoint. That execution may still read STARTED: its node cannot
 * say otherwise. It is safe to mark it FAILED and restart it because its lease token is no longer
 * the job's: every chunk it might still try to commit checks the token with the job's row locked,
 * in the transaction that also carries the chunk's writes and checkpoint, and rolls back. So the
 * checkpoint the restart reads is the last one committed under a valid lease, and nothing it
 * covers is done twice.
 */
@ApplicationScoped
public class LeasedBatches {

    private static final Set<BatchStatus> RUNNING =
            EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);

    /** JBeret's restart of an execution that still reads as running: marks it FAILED first. */
    private static final String RESTART_MODE = "jberet.restart.mode";

    private static final long POLL_MILLIS = 200;
    /** Polls an ended execution waits for its steps to show their end (2 s). */
    private static final int SETTLE_POLLS = 10;

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    JobOperator operator;

    @Inject
    BatchJobDefinitions definitions;

    @EJB
    BatchRuns runs;

    @EJB
    JobLogs logs;

    @EJB
    SystemIdentity system;

    /** The work of one leased job: runs (or resumes) its batch job to the end. */
    public JsonValue run(JobLease lease) throws Exception {
        BatchJobDefinition definition;
        Properties parameters;
        try {
            BatchRequest request = BatchRequest.of(lease.payload());
            definition = definitions.require(request.batchJob());
            if (!definition.fenced()) {
                throw new InvalidRequestException("batch job '" + definition.name()
                        + "' cannot run under a lease: its chunk steps " + definition.unfencedSteps()
                        + " do not list <listener ref=\"" + JobLeaseFence.NAME + "\"/>");
            }
            parameters = definitions.parameters(definition, request.parameters());
        } catch (JobStoreException e) {
            throw new FailForGood(e.getMessage());
        }
        new LeaseParameters(lease.jobId(), lease.token()).addTo(parameters);
        long execution = startOrResume(lease.jobId(), definition.name(), parameters);
        JobExecution finished = await(lease, execution, definition.steps().size());
        BatchExecutionView view = BatchExecutionView.of(finished, operator.getStepExecutions(execution));
        if (finished.getBatchStatus() != BatchStatus.COMPLETED) {
            throw new BatchExecutionFailed("batch execution " + execution + " of '" + definition.name() + "' ended "
                    + finished.getBatchStatus() + " (exit status " + finished.getExitStatus() + ")");
        }
        return Jsonp.PROVIDER.createReader(new StringReader(JSONB.toJson(view))).readValue();
    }

    private long startOrResume(UUID job, String name, Properties parameters) throws FailForGood {
        OptionalLong previous = runs.last(job);
        if (previous.isEmpty()) {
            previous = startedButNotRecorded(job, name);
        }
        long execution;
        String how;
        if (previous.isEmpty()) {
            execution = operator.start(name, parameters);
            how = "started";
        } else {
            BatchStatus status = operator.getJobExecution(previous.getAsLong()).getBatchStatus();
            if (status == BatchStatus.COMPLETED) {
                return previous.getAsLong(); // it completed, but its holder died before fulfilling the job
            }
            if (status == BatchStatus.ABANDONED) {
                throw new FailForGood("batch execution " + previous.getAsLong() + " was abandoned");
            }
            if (RUNNING.contains(status)) {
                parameters.setProperty(RESTART_MODE, "force");
            }
            execution = operator.restart(previous.getAsLong(), parameters);
            how = "restarted from the checkpoint of execution " + previous.getAsLong() + " (" + status + ")";
        }
        runs.record(job, execution);
        String message = "batch execution " + execution + " of '" + name + "' " + how;
        system.call(() -> logs.append(job, new LogLine(null, "info", message, null)));
        return execution;
    }

    /** An execution whose node died between starting it and recording it: it still reads as running. */
    private OptionalLong startedButNotRecorded(UUID job, String name) {
        try {
            return operator.getRunningExecutions(name).stream()
                    .filter(id -> {
                        LeaseParameters lease = LeaseParameters.of(operator.getParameters(id));
                        return lease != null && lease.job().equals(job);
                    })
                    .mapToLong(Long::longValue)
                    .max();
        } catch (NoSuchJobException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Waits for the execution to end, reporting finished steps as the job's progress. Stops it
     * when the lease is lost or the node stops (the pool interrupts the handler).
     */
    private JobExecution await(JobLease lease, long execution, int steps) throws InterruptedException {
        long reported = -1;
        int settling = SETTLE_POLLS;
        try {
            while (true) {
                JobExecution current = operator.getJobExecution(execution);
                List<StepExecution> stepExecutions = operator.getStepExecutions(execution);
                boolean ended = !RUNNING.contains(current.getBatchStatus());
                // The repository can show the job ended before it shows its last step's end: the
                // final progress waits for the steps, a few polls at most.
                if (ended
                        && settling-- > 0
                        && stepExecutions.stream().anyMatch(step -> RUNNING.contains(step.getBatchStatus()))) {
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                long done = stepExecutions.stream()
                        .filter(step -> step.getBatchStatus() == BatchStatus.COMPLETED)
                        .count();
                if (done != reported && done <= steps) {
                    lease.progress(done, steps);
                    reported = done;
                }
                if (ended) {
                    return current;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException | LeaseLostException e) {
            stopQuietly(execution);
            throw e;
        }
    }

    private void stopQuietly(long execution) {
        try {
            operator.stop(execution);
        } catch (JobExecutionNotRunningException e) {
            // it ended meanwhile
        }
    }
}
