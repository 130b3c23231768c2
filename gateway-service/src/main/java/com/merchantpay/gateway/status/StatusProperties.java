package com.merchantpay.gateway.status;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxWait      the longest long-poll a client may ask for; wx.request allows 60 s, keep well under
 */
@Validated
@ConfigurationProperties("gateway.status")
public record StatusProperties(
        @NotNull @DefaultValue("25s") Duration maxWait) {
}
