package dev.jobstore.webhook;

import java.net.URI;
import java.util.UUID;

/** One attempt to POST a job's value to a webhook target. */
record WebhookCall(UUID deliveryId, UUID jobId, URI url, byte[] value, String contentType, int attempt) {}
