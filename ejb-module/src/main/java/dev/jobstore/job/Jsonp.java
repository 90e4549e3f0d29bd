package dev.jobstore.job;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code Json.createValue}, {@code Json.createReader} and
 * the like look it up on every call: a service-loader scan through the deployment's jars, which
 * took a third of a single create's CPU in a profile (BENCHMARKS.md). Use {@link #PROVIDER}'s
 * methods instead.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {}
}
