package dev.jobstore.client;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once: {@code Json.createObjectBuilder} and the like look it up
 * (a service-loader scan) on every call, and a batch of 1,000 jobs builds 1,000 objects.
 */
final class Jsonp {

    static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {}
}
