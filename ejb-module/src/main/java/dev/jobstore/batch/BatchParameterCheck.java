package dev.jobstore.batch;

import java.util.Map;

/**
 * Checks the parameters of one batch job before it starts, so that a bad value gets a 400
 * problem instead of a failed execution. A CDI bean; jobs without one take any declared names.
 */
public interface BatchParameterCheck {

    String jobName();

    /** Throws {@code InvalidRequestException} for a value the job cannot take. */
    void check(Map<String, String> parameters);
}
