package dev.jobstore.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jobstore.job.InvalidRequestException;
import jakarta.json.Json;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    private static WebhookTargets allowing(String... hosts) {
        WebhookTargets settings = new WebhookTargets();
        settings.allowedHosts = List.of(hosts);
        return settings;
    }

    @Test
    void only_objects_with_an_http_url_are_webhooks() {
        assertEquals(
                Optional.of(URI.create("https://hooks.example.com/x")),
                WebhookTargets.webhookUrl(Json.createObjectBuilder()
                        .add("url", "https://hooks.example.com/x")
                        .build()));
        assertTrue(WebhookTargets.webhookUrl(
                        Json.createObjectBuilder().add("url", "mailto:a@b").build())
                .isEmpty());
        assertTrue(WebhookTargets.webhookUrl(
                        Json.createObjectBuilder().add("email", "a@b").build())
                .isEmpty());
        assertTrue(WebhookTargets.webhookUrl(Json.createValue("http://not-an-object"))
                .isEmpty());
        assertThrows(
                InvalidRequestException.class,
                () -> WebhookTargets.webhookUrl(Json.createObjectBuilder()
                        .add("url", "http://bad host/")
                        .build()));
    }

    @Test
    void the_allow_list_matches_hosts_and_accepts_a_wildcard() {
        WebhookTargets loopback = allowing("localhost", "127.0.0.1", "::1");
        assertTrue(loopback.allows(URI.create("http://127.0.0.1:8080/hook")));
        assertTrue(loopback.allows(URI.create("http://[::1]:8080/hook")));
        assertTrue(loopback.allows(URI.create("http://LOCALHOST/hook")));
        assertFalse(loopback.allows(URI.create("http://example.com/hook")));
        assertThrows(InvalidRequestException.class, () -> loopback.requireAllowed(URI.create("http://example.com/")));
        assertTrue(allowing("*").allows(URI.create("https://anywhere.example/")));
    }
}
