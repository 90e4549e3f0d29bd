package dev.jobstore.webhook;

import dev.jobstore.job.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How the built-in deliverer tries webhooks: attempts, backoff and timeout. */
@ApplicationScoped
public class WebhookSettings {

    @Inject
    @ConfigProperty(name = "jobstore.webhook.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "jobstore.webhook.backoff-initial", defaultValue = "PT1S")
    Duration backoffInitial;

    @Inject
    @ConfigProperty(name = "jobstore.webhook.backoff-max", defaultValue = "PT10M")
    Duration backoffMax;

    @Inject
    @ConfigProperty(name = "jobstore.webhook.timeout", defaultValue = "PT10S")
    Duration timeout;

    public int maxAttempts() {
        return maxAttempts;
    }

    public Backoff backoff() {
        return new Backoff(backoffInitial, 2.0, backoffMax);
    }

    /** Connect and response timeout of one attempt. */
    public Duration timeout() {
        return timeout;
    }
}
