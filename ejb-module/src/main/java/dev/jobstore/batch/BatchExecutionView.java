package dev.jobstore.batch;

import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A batch execution as callers see it.
 *
 * @param leasedBy the job whose lease the execution runs under; absent for one started by hand
 * @param parameters its job parameters, without the lease's
 */
@JsonbPropertyOrder({
    "id",
    "job",
    "status",
    "exitStatus",
    "leasedBy",
    "parameters",
    "createdAt",
    "startedAt",
    "endedAt",
    "updatedAt",
    "steps"
})
public record BatchExecutionView(
        long id,
        String job,
        String status,
        String exitStatus,
        UUID leasedBy,
        Map<String, String> parameters,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        Instant updatedAt,
        List<BatchStepView> steps) {

    static BatchExecutionView of(JobExecution execution, List<StepExecution> steps) {
        Properties all = execution.getJobParameters();
        LeaseParameters lease = LeaseParameters.of(all);
        Map<String, String> parameters = new TreeMap<>();
        if (all != null) {
            all.stringPropertyNames().stream()
                    .filter(name -> !LeaseParameters.isReserved(name))
                    .forEach(name -> parameters.put(name, all.getProperty(name)));
        }
        return new BatchExecutionView(
                execution.getExecutionId(),
                execution.getJobName(),
                String.valueOf(execution.getBatchStatus()),
                execution.getExitStatus(),
                lease == null ? null : lease.job(),
                parameters,
                BatchStepView.instant(execution.getCreateTime()),
                BatchStepView.instant(execution.getStartTime()),
                BatchStepView.instant(execution.getEndTime()),
                BatchStepView.instant(execution.getLastUpdatedTime()),
                steps.stream().map(BatchStepView::of).toList());
    }
}
