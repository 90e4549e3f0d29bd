package dev.jobstore.api.openapi;

import dev.jobstore.api.problem.ProblemType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The document's front matter: what the API is, the worker protocol's fencing rules, the two
 * ways to authenticate, and the problem body every error answers with.
 */
public class ApiDocument implements OASModelReader {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    private static final String DESCRIPTION = """
            A job store: producers create jobs in queues; workers lease them, do the work and \
            fulfill them with a value; notifiers deliver the values to the targets queued on a job.

            **Leases and fencing.** A pull leases jobs for a time (`lease`, default PT30S) and \
            answers each with a secret `lease.token`. Every call of the holder (heartbeat, \
            fulfill, failure, release, progress) carries that token, and is refused with 409 \
            `lease-lost` once the lease has expired, been swept, released, or been taken by \
            cancel, pause or remove: a worker that stalled past its lease can never overwrite the \
            work of the job's next holder. Heartbeat well within the lease (a third of it is \
            usual). An expired lease counts as a failed attempt and the job goes back to the pool.

            **Errors** are RFC 9457 problems (`application/problem+json`) whose `type` is one of \
            the slugs of the Problem schema; 503 `database-unavailable` is safe to retry.

            **Authentication.** HTTP Basic against the server's realm, or an API token as a \
            bearer credential (`POST /tokens`). Roles: `producer`, `worker`, `viewer`, `admin`; a \
            caller may be scoped to queue patterns, and reads outside its scope answer 404.""";

    @Override
    public OpenAPI buildModel() {
        return OASFactory.createOpenAPI()
                .openapi("3.1.0")
                .info(OASFactory.createInfo().title("jobstore").version("1").description(DESCRIPTION))
                .components(OASFactory.createComponents()
                        .addSecurityScheme(
                                "basic",
                                OASFactory.createSecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("A user of the server's realm"))
                        .addSecurityScheme(
                                "token",
                                OASFactory.createSecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API token issued by POST /tokens (jst_…)"))
                        .addSchema(PROBLEM, problemSchema()))
                .security(List.of(
                        OASFactory.createSecurityRequirement().addScheme("basic"),
                        OASFactory.createSecurityRequirement().addScheme("token")));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem")
                .addRequired("type")
                .addRequired("title")
                .addRequired("status")
                .addProperty(
                        "type",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .enumeration(Arrays.stream(ProblemType.values())
                                        .map(type -> (Object) type.slug())
                                        .toList()))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty(
                        "instance",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("For internal errors: the id under which the server logged the details"));
    }
}
