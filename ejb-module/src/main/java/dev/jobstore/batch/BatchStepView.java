package dev.jobstore.batch;

import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

/** One step of a batch execution, with its chunk counts (all 0 for a batchlet). */
@JsonbPropertyOrder({
    "id",
    "name",
    "status",
    "exitStatus",
    "startedAt",
    "endedAt",
    "read",
    "write",
    "commit",
    "rollback",
    "filter",
    "readSkip",
    "processSkip",
    "writeSkip"
})
public record BatchStepView(
        long id,
        String name,
        String status,
        String exitStatus,
        Instant startedAt,
        Instant endedAt,
        long read,
        long write,
        long commit,
        long rollback,
        long filter,
        long readSkip,
        long processSkip,
        long writeSkip) {

    static BatchStepView of(StepExecution step) {
        Metric[] metrics = step.getMetrics() == null ? new Metric[0] : step.getMetrics();
        return new BatchStepView(
                step.getStepExecutionId(),
                step.getStepName(),
                String.valueOf(step.getBatchStatus()),
                step.getExitStatus(),
                instant(step.getStartTime()),
                instant(step.getEndTime()),
                count(metrics, Metric.MetricType.READ_COUNT),
                count(metrics, Metric.MetricType.WRITE_COUNT),
                count(metrics, Metric.MetricType.COMMIT_COUNT),
                count(metrics, Metric.MetricType.ROLLBACK_COUNT),
                count(metrics, Metric.MetricType.FILTER_COUNT),
                count(metrics, Metric.MetricType.READ_SKIP_COUNT),
                count(metrics, Metric.MetricType.PROCESS_SKIP_COUNT),
                count(metrics, Metric.MetricType.WRITE_SKIP_COUNT));
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static long count(Metric[] metrics, Metric.MetricType type) {
        return Arrays.stream(metrics)
                .filter(metric -> metric.getType() == type)
                .mapToLong(Metric::getValue)
                .sum();
    }
}
