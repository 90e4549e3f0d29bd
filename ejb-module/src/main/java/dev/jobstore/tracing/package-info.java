/**
 * Tracing with OpenTelemetry (the server's MicroProfile Telemetry), off unless {@code
 * otel.sdk.disabled=false}: spans for create, claim, fulfill, an in-process handler's run and
 * webhook delivery, and the producer's W3C trace context ({@code traceparent}) that a job keeps
 * from its creation, so that the spans of its handler and its webhooks join the producer's trace.
 */
package dev.jobstore.tracing;
