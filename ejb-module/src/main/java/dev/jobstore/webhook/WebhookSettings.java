package dev.jobstore.webhook;

import dev.jobstore.job.Backoff;
import dev.jobstore.notification.WebhookSecret;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How the built-in deliverer tries webhooks: attempts, backoff, timeout, signing and reachable networks. */
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

    /** The server's signing secrets ({@code whsec_...}); more than one during a rotation. */
    @Inject
    @ConfigProperty(name = "jobstore.webhook.secrets")
    Optional<List<String>> secrets;

    /** Private networks webhooks may still reach; the default, loopback, suits the default allowed hosts. */
    @Inject
    @ConfigProperty(name = PublicAddresses.ALLOWED_PRIVATE_NETWORKS, defaultValue = "127.0.0.0/8,::1/128")
    Optional<List<String>> allowedPrivateNetworks;

    private List<WebhookSecret> parsedSecrets;
    private List<Network> parsedNetworks;

    /** A malformed secret or network stops the deploy, rather than every delivery. */
    @PostConstruct
    void parse() {
        parsedSecrets =
                secrets.orElse(List.of()).stream().map(WebhookSecret::parse).toList();
        parsedNetworks = allowedPrivateNetworks.orElse(List.of()).stream()
                .map(Network::parse)
                .toList();
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Backoff backoff() {
        return new Backoff(backoffInitial, 2.0, backoffMax);
    }

    /** Signs deliveries to targets without secrets of their own; none: unsigned. */
    List<WebhookSecret> secrets() {
        return parsedSecrets;
    }

    List<Network> allowedPrivateNetworks() {
        return parsedNetworks;
    }

    /** Connect and response timeout of one attempt. */
    public Duration timeout() {
        return timeout;
    }
}
