package dev.jobstore.batch;

import dev.jobstore.job.InvalidRequestException;
import dev.jobstore.job.TransitionNotAllowedException;
import dev.jobstore.security.CallerScope;
import dev.jobstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The batch jobs and their executions, for admins and viewers (the HTTP API's {@code /batch}).
 * Starting, stopping and restarting need an admin who is not limited to some queues: a batch job
 * may touch any queue (pruning does). Runs outside any transaction: the batch runtime keeps its
 * own records.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BatchOperations {

    /** Most executions one listing answers. */
    public static final int MAX_LIMIT = 100;

    @Inject
    JobOperator operator;

    @Inject
    BatchJobDefinitions definitions;

    @Inject
    CallerScope scope;

    public List<BatchJobDefinition> jobs() {
        return definitions.all();
    }

    /** Starts {@code job} with {@code parameters} (names it declares; values as text). */
    @RolesAllowed(Roles.ADMIN)
    public BatchExecutionView start(String job, Map<String, String> parameters) {
        scope.requireUnscoped("starting a batch job");
        BatchJobDefinition definition = definitions.require(job);
        return execution(operator.start(job, definitions.parameters(definition, parameters)));
    }

    /** The newest executions, of {@code job} or of every job when it is null. */
    public List<BatchExecutionView> executions(String job, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
        List<String> names = job == null
                ? operator.getJobNames().stream().toList()
                : List.of(definitions.require(job).name());
        List<JobExecution> found = new ArrayList<>();
        for (String name : names) {
            for (JobInstance instance : instances(name, limit)) {
                found.addAll(operator.getJobExecutions(instance));
            }
        }
        return found.stream()
                .sorted(Comparator.comparingLong(JobExecution::getExecutionId).reversed())
                .limit(limit)
                .map(this::view)
                .toList();
    }

    public BatchExecutionView execution(long id) {
        try {
            return view(operator.getJobExecution(id));
        } catch (NoSuchJobExecutionException | NoSuchJobException e) {
            throw notFound(id);
        }
    }

    /** Asks a running execution to stop after its current chunk. */
    @RolesAllowed(Roles.ADMIN)
    public BatchExecutionView stop(long id) {
        scope.requireUnscoped("stopping a batch execution");
        try {
            operator.stop(id);
        } catch (JobExecutionNotRunningException e) {
            throw new TransitionNotAllowedException("batch execution " + id + " is not running");
        } catch (NoSuchJobExecutionException | NoSuchJobException e) {
            throw notFound(id);
        }
        return execution(id);
    }

    /**
     * Restarts a FAILED or STOPPED execution from its last checkpoint, with its parameters. An
     * execution that runs under a job's lease is restarted by that job's next holder, never by
     * hand: two executions would run at once.
     */
    @RolesAllowed(Roles.ADMIN)
    public BatchExecutionView restart(long id) {
        scope.requireUnscoped("restarting a batch execution");
        BatchExecutionView previous = execution(id);
        if (previous.leasedBy() != null) {
            throw new TransitionNotAllowedException("batch execution " + id + " runs under the lease of job "
                    + previous.leasedBy() + ": that job's next holder restarts it (retry or cancel the job)");
        }
        try {
            return execution(operator.restart(id, operator.getParameters(id)));
        } catch (JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException | JobRestartException e) {
            throw new TransitionNotAllowedException("batch execution " + id + " cannot be restarted: "
                    + (e instanceof JobExecutionAlreadyCompleteException
                            ? "it completed"
                            : e instanceof JobExecutionNotMostRecentException
                                    ? "a later execution of its job instance exists"
                                    : "it is " + previous.status()));
        }
    }

    private List<JobInstance> instances(String name, int limit) {
        try {
            return operator.getJobInstances(name, 0, limit);
        } catch (NoSuchJobException e) {
            return List.of();
        }
    }

    private BatchExecutionView view(JobExecution execution) {
        return BatchExecutionView.of(execution, operator.getStepExecutions(execution.getExecutionId()));
    }

    private static BatchNotFoundException notFound(long id) {
        return new BatchNotFoundException("no batch execution " + id);
    }
}
