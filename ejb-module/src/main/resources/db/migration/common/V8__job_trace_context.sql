-- The W3C trace context (traceparent) of the span that created a job, so that the spans of its
-- handler and its webhooks join the producer's trace. Null when tracing is off.
alter table job add column traceparent varchar(128);
