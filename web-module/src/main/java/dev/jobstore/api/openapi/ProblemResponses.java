package dev.jobstore.api.openapi;

import dev.jobstore.api.problem.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds to each operation a response per error status it may answer, listing the problem types
 * behind that status ({@link OperationProblems}), each a {@code Problem} body.
 */
public class ProblemResponses implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        Map<Integer, List<ProblemType>> byStatus = OperationProblems.of(operation.getOperationId()).stream()
                .collect(Collectors.groupingBy(ProblemType::status, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, types) -> {
            if (!responses.hasAPIResponse(status.toString())) {
                responses.addAPIResponse(
                        status.toString(),
                        OASFactory.createAPIResponse()
                                .description(types.stream()
                                        .map(type -> "`" + type.slug() + "`: " + type.title())
                                        .collect(Collectors.joining("; ")))
                                .content(OASFactory.createContent()
                                        .addMediaType(
                                                ApiDocument.PROBLEM_JSON,
                                                OASFactory.createMediaType()
                                                        .schema(OASFactory.createSchema()
                                                                .ref(ApiDocument.PROBLEM)))));
            }
        });
        return operation;
    }
}
