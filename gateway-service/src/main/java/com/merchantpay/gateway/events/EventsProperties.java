package com.merchantpay.gateway.events;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param ackTimeout how long a request waits for the broker's acknowledgement before it fails
 */
@Validated
@ConfigurationProperties("gateway.events")
public record EventsProperties(
        @NotNull @DefaultValue("5s") Duration ackTimeout) {
}
