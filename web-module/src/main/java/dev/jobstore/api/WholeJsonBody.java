package dev.jobstore.api;

import dev.jobstore.job.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A JSON request body must be one JSON document and nothing else, nested at most {@value
 * #MAX_DEPTH} levels, without NUL characters in its strings: JSON-B stops reading after the
 * first value, so {@code {"payload":1}"} would otherwise create a job, and PostgreSQL cannot
 * store a NUL in text or {@code jsonb} (H2 can: this keeps the two alike). The body is checked
 * with a streaming parser before it is bound. Raw bodies (a fulfilled value, bound as bytes) are
 * stored as they come and not checked.
 */
@Provider
public class WholeJsonBody implements ReaderInterceptor {

    /**
     * Deeper bodies are refused before binding: binding recurses per level, and the parser's own
     * limit (1,000) fails with an error that is not a JSON one.
     */
    static final int MAX_DEPTH = 100;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getType() == byte[].class || !isJson(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        requireOneDocument(body, charsetOf(context.getMediaType()));
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static boolean isJson(MediaType type) {
        return type != null
                && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                        || type.getSubtype().endsWith("+json"));
    }

    private static Charset charsetOf(MediaType type) {
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            return charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset);
        } catch (IllegalArgumentException e) {
            throw new JsonException("the body's charset '" + charset + "' is unknown");
        }
    }

    /** An empty body is let through: binding makes it null, which each call refuses in its own words. */
    static void requireOneDocument(byte[] body, Charset charset) {
        if (new String(body, charset).isBlank()) {
            return;
        }
        try (JsonParser parser =
                Jsonp.PROVIDER.createParser(new InputStreamReader(new ByteArrayInputStream(body), charset))) {
            // Walked event by event: Parsson's skipObject never returns on an unterminated object.
            int depth = 0;
            do {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    if (++depth > MAX_DEPTH) {
                        throw new JsonException("the body nests deeper than " + MAX_DEPTH + " levels");
                    }
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                } else if ((event == JsonParser.Event.VALUE_STRING || event == JsonParser.Event.KEY_NAME)
                        && parser.getString().indexOf('\0') >= 0) {
                    throw new JsonException(
                            "a JSON string holds a NUL character (\\u0000), which the store does not keep");
                }
            } while (depth > 0);
            if (hasMore(parser)) {
                throw new JsonException("the body holds text after its JSON document");
            }
        }
    }

    // Parsson answers hasNext() on trailing text by trying to read it as a value, and reports
    // the error of that value ("Unexpected char"): the text after the document is the error.
    private static boolean hasMore(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (JsonParsingException e) {
            return true;
        }
    }
}
