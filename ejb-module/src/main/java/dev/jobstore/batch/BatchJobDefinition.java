package dev.jobstore.batch;

import java.util.List;

/**
 * A batch job as its job XML declares it.
 *
 * @param name          the job's name (its XML file under {@code META-INF/batch-jobs})
 * @param parameters    the job parameters its XML refers to ({@code #{jobParameters['name']}}),
 *                      sorted; the ones the job store sets for a leased run are left out
 * @param steps         its steps, in document order
 * @param unfencedSteps its chunk steps that do not list the {@code jobLeaseFence} listener
 */
public record BatchJobDefinition(String name, List<String> parameters, List<String> steps, List<String> unfencedSteps) {

    /** Whether every chunk of the job checks the lease it runs under, so it may run as a leased job. */
    public boolean fenced() {
        return unfencedSteps.isEmpty();
    }
}
