package com.merchantpay.gateway.status;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param registryUrl  the schema registry's root URL (from {@code registry.url})
 * @param maxWait      the longest long-poll a client may ask for; wx.request allows 60 s, keep well under
 */
@Validated
@ConfigurationProperties("gateway.status")
public record StatusProperties(
        @NotBlank String registryUrl,
        @NotNull @DefaultValue("25s") Duration maxWait) {
}
