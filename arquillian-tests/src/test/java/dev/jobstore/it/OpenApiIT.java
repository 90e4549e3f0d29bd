package dev.jobstore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.it.support.Deployments;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API description the server serves at {@code /openapi}: a valid OpenAPI document, with
 * exactly the endpoints the README's HTTP API table lists, and the problems and security every
 * operation answers with.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient // reads the README from the source tree, and validates with a parser the server lacks
class OpenApiIT {

    /** A README row's endpoints: {@code `METHOD /path`}, or {@code `/path`} after one of them. */
    private static final Pattern ROW = Pattern.compile("^\\| (`(GET|POST|PUT|DELETE) /[^|]*)\\|");

    private static final Pattern ENDPOINT = Pattern.compile("`(?:(GET|POST|PUT|DELETE) )?(/[^`?]*)[^`]*`");
    private static final Pattern ALTERNATIVES = Pattern.compile("\\{([a-z]+(?:,[a-z]+)+)}");

    private static final Set<String> HOLDERS_CALLS =
            Set.of("fulfill", "heartbeat", "release", "reportFailure", "reportProgress", "notificationDone");

    /** Where the README's paths are, as the document's paths (from the host's root) say. */
    private static final String API = "/jobstore/api";

    private static String json;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.jobstoreWith(OpenApiIT.class);
    }

    @BeforeAll
    static void fetch() throws IOException, InterruptedException {
        URI uri = URI.create(
                "http://127.0.0.1:" + System.getProperty("jobstore.test.http-port", "8180") + "/openapi?format=JSON");
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        json = answer.body();
    }

    @Test
    void the_document_is_valid_openapi() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json);
        assertEquals(List.of(), parsed.getMessages(), "validation messages");
        assertEquals("jobstore", parsed.getOpenAPI().getInfo().getTitle());
        assertEquals(
                Set.of("basic", "token"),
                parsed.getOpenAPI().getComponents().getSecuritySchemes().keySet());
    }

    @Test
    void the_readme_lists_every_endpoint_of_the_document_and_no_other() throws IOException {
        Set<String> documented = new TreeSet<>();
        openApi()
                .getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .keySet()
                        .forEach(method -> documented.add(method.name() + " " + path)));

        assertEquals(readmeEndpoints(), documented);
    }

    @Test
    void every_operation_names_its_problems_and_the_holders_calls_their_fencing() {
        openApi()
                .getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    String where = method + " " + path;
                    for (String status : List.of("400", "401", "403", "500", "503")) {
                        assertTrue(operation.getResponses().containsKey(status), where + " lacks " + status);
                    }
                    assertTrue(
                            operation.getResponses().get("401").getContent().containsKey("application/problem+json"),
                            where);
                    if (HOLDERS_CALLS.contains(operation.getOperationId())) {
                        assertTrue(
                                operation
                                        .getResponses()
                                        .get("409")
                                        .getDescription()
                                        .contains("lease-lost"),
                                where + " does not name lease-lost");
                    }
                }));
    }

    private static OpenAPI openApi() {
        return new OpenAPIV3Parser().readContents(json).getOpenAPI();
    }

    /** The endpoints of the README's HTTP API table, as {@code METHOD /path}. */
    private static Set<String> readmeEndpoints() throws IOException {
        Set<String> endpoints = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of(System.getProperty("jobstore.readme")))) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            String method = null;
            String previous = null;
            Matcher endpoint = ENDPOINT.matcher(row.group(1));
            while (endpoint.find()) {
                String path = endpoint.group(2);
                if (endpoint.group(1) != null) {
                    method = endpoint.group(1);
                } else {
                    path = previous.substring(0, previous.lastIndexOf('/')) + path; // `/resume` after `.../pause`
                }
                previous = path;
                for (String expanded : expand(path)) {
                    endpoints.add(method + " " + API + expanded);
                }
            }
        }
        return endpoints;
    }

    /** {@code /jobs/{id}/{cancel,pause}} is {@code /jobs/{id}/cancel} and {@code /jobs/{id}/pause}. */
    private static List<String> expand(String path) {
        Matcher alternatives = ALTERNATIVES.matcher(path);
        if (!alternatives.find()) {
            return List.of(path);
        }
        List<String> paths = new ArrayList<>();
        for (String alternative : alternatives.group(1).split(",")) {
            paths.addAll(
                    expand(path.substring(0, alternatives.start()) + alternative + path.substring(alternatives.end())));
        }
        return paths;
    }
}
