package dev.jobstore.it.support;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A tiny OTLP/HTTP trace receiver, served by the test WAR: the test server exports its spans here
 * ({@code otel.exporter.otlp.endpoint} in arquillian.xml, protocol {@code http/protobuf}), so a
 * test can read the spans the server really exported. Other signals are accepted and dropped.
 */
@WebServlet("/otlp/*")
public class OtlpReceiver extends HttpServlet {

    /** Bounded, for the tests that make many spans without reading them. */
    private static final int KEPT = 20_000;

    private static final Queue<ExportedSpan> SPANS = new ConcurrentLinkedQueue<>();

    /** The spans exported so far that match {@code filter}. */
    public static List<ExportedSpan> spans(Predicate<ExportedSpan> filter) {
        return SPANS.stream().filter(filter).toList();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body;
        try (InputStream in = "gzip".equalsIgnoreCase(request.getHeader("Content-Encoding"))
                ? new GZIPInputStream(request.getInputStream())
                : request.getInputStream()) {
            body = in.readAllBytes();
        }
        if (request.getPathInfo() != null && request.getPathInfo().endsWith("/v1/traces")) {
            SPANS.addAll(ExportedSpan.decode(body));
            while (SPANS.size() > KEPT) {
                SPANS.poll();
            }
        }
        response.setStatus(200);
        response.setContentType("application/x-protobuf"); // an empty Export…ServiceResponse: all accepted
    }
}
