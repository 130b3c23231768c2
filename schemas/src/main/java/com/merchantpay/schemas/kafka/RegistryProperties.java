package com.merchantpay.schemas.kafka;

import com.merchantpay.schemas.registry.RegistrySettings;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The schema registry, the same way in every service ({@code REGISTRY_URL} in the environment).
 *
 * @param url            the registry's root URL, e.g. {@code http://127.0.0.1:8085}
 * @param requestTimeout deadline of one registry call
 * @param attempts       calls before a lookup gives up (and the caller retries later)
 * @param startupWait    how long a starting service waits for an unreachable registry before it
 *                       gives up starting (a missing schema fails the start at once)
 */
@Validated
@ConfigurationProperties("registry")
public record RegistryProperties(
        @NotBlank String url,
        @NotNull @DefaultValue("2s") Duration requestTimeout,
        @Min(1) @DefaultValue("3") int attempts,
        @NotNull @DefaultValue("60s") Duration startupWait) {

    public RegistrySettings settings() {
        return new RegistrySettings(url, requestTimeout, attempts, RegistrySettings.DEFAULT_BACKOFF);
    }
}
