package com.merchantpay.schemas.registry;

import java.net.URI;
import java.time.Duration;

/**
 * Where the registry is and how long anyone waits for it. Every call has a deadline and a bounded
 * number of attempts, so a registry that accepts connections and never answers costs a caller at
 * most {@link #worstCase()}, never a stuck thread.
 *
 * @param baseUrl        the registry's root URL, e.g. {@code http://127.0.0.1:8085}
 * @param requestTimeout deadline of one HTTP call (connect and answer)
 * @param attempts       calls before giving up with {@link RegistryUnavailableException}
 * @param backoff        pause before the second attempt; doubled before each further one
 */
public record RegistrySettings(String baseUrl, Duration requestTimeout, int attempts, Duration backoff) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);

    public RegistrySettings {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("the registry URL (registry.url / REGISTRY_URL) is not set");
        }
        URI.create(baseUrl);
        if (requestTimeout.isNegative() || requestTimeout.isZero() || attempts < 1 || backoff.isNegative()) {
            throw new IllegalArgumentException("registry deadlines must be positive and attempts at least 1");
        }
        baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** The team's defaults: 2 s per call, 3 attempts, 200 ms then 400 ms between them. */
    public static RegistrySettings of(String baseUrl) {
        return new RegistrySettings(baseUrl, DEFAULT_REQUEST_TIMEOUT, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
    }

    /** The registry's Confluent-compatible API, the only one this project speaks. */
    public String confluentApiUrl() {
        return baseUrl + "/apis/ccompat/v7";
    }

    /** The longest one call of {@link SchemaRegistryClient} can take. */
    public Duration worstCase() {
        Duration pauses = Duration.ZERO;
        for (int attempt = 1; attempt < attempts; attempt++) {
            pauses = pauses.plus(backoff.multipliedBy(1L << (attempt - 1)));
        }
        return requestTimeout.multipliedBy(attempts).plus(pauses);
    }
}
