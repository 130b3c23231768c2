package com.merchantpay.gateway.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param registryUrl the schema registry's root URL; application.yml fills it from the team-wide
 *                    property {@code registry.url}
 * @param ackTimeout  how long a request waits for the broker's acknowledgement before it fails
 */
@Validated
@ConfigurationProperties("gateway.events")
public record EventsProperties(
        @NotBlank String registryUrl,
        @NotNull @DefaultValue("5s") Duration ackTimeout) {
}
