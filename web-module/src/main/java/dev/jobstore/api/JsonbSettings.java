package dev.jobstore.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON-B as the API uses it: an unknown property is an error (a misspelt {@code priorty} must
 * not be silently ignored), each scalar must be of its own JSON type ({@link StrictScalars}),
 * and a malformed duration or instant is named in the error.
 * Response records fix their property order with
 * {@code @JsonbPropertyOrder}.
 */
@Provider
public class JsonbSettings implements ContextResolver<Jsonb> {

    /** Yasson's switch (YassonConfig.FAIL_ON_UNKNOWN_PROPERTIES), spelt out to keep Yasson off the compile path. */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    private final Jsonb jsonb = JsonbBuilder.create(
            new JsonbConfig().withDeserializers(StrictScalars.all()).setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}
