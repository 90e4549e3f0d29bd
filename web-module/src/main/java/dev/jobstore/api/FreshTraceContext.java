package dev.jobstore.api;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import java.io.IOException;

/**
 * Runs each API request from the root trace context, and puts back whatever the thread had.
 * MicroProfile Telemetry's JAX-RS filter makes the request's server span current on the request
 * thread and closes that scope in its response filter; for an asynchronous request (a pull's
 * long poll) the response filter runs on another thread, so the server span stayed current on
 * the request thread. The next request served by that thread then started no server span of its
 * own (there seemed to be one already) and its spans, a created job's among them, joined the
 * long poll's trace instead of the caller's.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class FreshTraceContext implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try (Scope ignored = Context.root().makeCurrent()) {
            chain.doFilter(request, response);
        }
    }
}
