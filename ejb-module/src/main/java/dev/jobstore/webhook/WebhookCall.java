package dev.jobstore.webhook;

import dev.jobstore.notification.WebhookSecret;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * One attempt to POST a job's value to a webhook target, signed with {@code secrets} (if any);
 * {@code fence} is the fencing number of the lease whose holder fulfilled the job, {@code
 * traceparent} the job's producer trace context, or {@code null}.
 */
record WebhookCall(
        UUID deliveryId,
        UUID jobId,
        long fence,
        String queue,
        String traceparent,
        URI url,
        byte[] value,
        String contentType,
        int attempt,
        List<WebhookSecret> secrets) {}
