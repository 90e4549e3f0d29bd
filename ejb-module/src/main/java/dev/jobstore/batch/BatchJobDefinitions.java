package dev.jobstore.batch;

import dev.jobstore.job.InvalidRequestException;
import jakarta.batch.operations.JobOperator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The batch jobs this application holds: job XML under {@code META-INF/batch-jobs} of the EJB
 * module or of a library jar of the EAR, read once each.
 */
@ApplicationScoped
public class BatchJobDefinitions {

    @Inject
    JobOperator operator;

    @Inject
    @Any
    Instance<BatchParameterCheck> checks;

    private final Map<String, BatchJobDefinition> read = new ConcurrentHashMap<>();

    public List<BatchJobDefinition> all() {
        return operator.getJobNames().stream()
                .sorted()
                .map(name -> read.computeIfAbsent(name, BatchJobDefinitions::load))
                .toList();
    }

    public Optional<BatchJobDefinition> find(String name) {
        if (name == null || !operator.getJobNames().contains(name)) {
            return Optional.empty();
        }
        return Optional.of(read.computeIfAbsent(name, BatchJobDefinitions::load));
    }

    /** The job of that name, or {@link BatchNotFoundException}. */
    public BatchJobDefinition require(String name) {
        return find(name).orElseThrow(() -> new BatchNotFoundException("no batch job named '" + name + "'"));
    }

    /**
     * The job parameters for a run of {@code definition}: only names it declares, each with a
     * value the job's {@link BatchParameterCheck} (if any) accepts; else {@code InvalidRequestException}.
     */
    public Properties parameters(BatchJobDefinition definition, Map<String, String> parameters) {
        Properties properties = new Properties();
        if (parameters == null) {
            return properties;
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (!definition.parameters().contains(parameter.getKey())) {
                throw new InvalidRequestException("batch job '" + definition.name() + "' has no parameter '"
                        + parameter.getKey() + "'; it takes " + definition.parameters());
            }
            if (parameter.getValue() == null) {
                throw new InvalidRequestException("parameter '" + parameter.getKey() + "' needs a value");
            }
            properties.setProperty(parameter.getKey(), parameter.getValue());
        }
        checks.stream()
                .filter(check -> check.jobName().equals(definition.name()))
                .forEach(check -> check.check(parameters));
        return properties;
    }

    private static BatchJobDefinition load(String name) {
        String path = "META-INF/batch-jobs/" + name + ".xml";
        try (InputStream xml = BatchJobDefinitions.class.getClassLoader().getResourceAsStream(path)) {
            if (xml == null) { // the batch runtime lists it, so the job store's class loader should see it
                throw new IllegalStateException(path + " is not visible to the job store's module");
            }
            return JobXml.read(name, xml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
