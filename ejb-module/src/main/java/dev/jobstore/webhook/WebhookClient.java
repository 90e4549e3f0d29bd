package dev.jobstore.webhook;

import dev.jobstore.notification.WebhookSecret;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP side of a webhook attempt: the signed POST, to the addresses {@link PublicAddresses}
 * let through, without following redirects or retrying on its own (retries are the
 * deliverer's, with backoff and a count).
 */
final class WebhookClient implements AutoCloseable {

    /** How an attempt went: delivered, failed (retried later) or refused (never to be tried again). */
    record Outcome(boolean delivered, boolean refused, String error) {

        static final Outcome DELIVERED = new Outcome(true, false, null);

        static Outcome failed(String error) {
            return new Outcome(false, false, error);
        }

        static Outcome refused(String error) {
            return new Outcome(false, true, error);
        }
    }

    private final CloseableHttpClient http;

    WebhookClient(Duration timeout, PublicAddresses addresses) {
        Timeout limit = Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS);
        http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(addresses)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit)
                                .setSocketTimeout(limit)
                                .build())
                        .setMaxConnPerRoute(20)
                        .setMaxConnTotal(200)
                        .build())
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("jobstore-webhooks")
                .build();
    }

    /** POSTs {@code call}; a {@code traceparent} (the attempt's span) lets the receiver continue the trace. */
    Outcome post(WebhookCall call, Instant now, String traceparent) {
        String id = call.deliveryId().toString();
        long timestamp = now.getEpochSecond();
        HttpPost post = new HttpPost(call.url());
        post.setHeader("webhook-id", id);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        if (!call.secrets().isEmpty()) {
            post.setHeader("webhook-signature", WebhookSecret.signatures(call.secrets(), id, timestamp, call.value()));
        }
        post.setHeader("Jobstore-Job-Id", call.jobId().toString());
        post.setHeader("Jobstore-Delivery-Id", id);
        post.setHeader("Jobstore-Attempt", Integer.toString(call.attempt()));
        post.setHeader("Jobstore-Fence", Long.toString(call.fence()));
        if (traceparent != null) {
            post.setHeader("traceparent", traceparent);
        }
        post.setEntity(new ByteArrayEntity(call.value(), ContentType.parseLenient(call.contentType())));
        try {
            int status = http.execute(post, response -> response.getCode());
            return status / 100 == 2 ? Outcome.DELIVERED : Outcome.failed("the receiver answered HTTP " + status);
        } catch (PublicAddresses.RefusedAddressException e) {
            return Outcome.refused(e.getMessage());
        } catch (IOException e) {
            return Outcome.failed("the call failed: " + e);
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }
}
