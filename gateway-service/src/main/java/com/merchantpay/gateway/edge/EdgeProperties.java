package com.merchantpay.gateway.edge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every request meets at the door.
 *
 * @param maxBodyBytes   the largest request body accepted; a checkout of 50 lines is about 3 KB
 * @param trustedProxies addresses or CIDR blocks of the proxies in front of the gateway, whose
 *                       {@code X-Forwarded-For} is believed; empty (the default) believes no one
 */
@Validated
@ConfigurationProperties("gateway.http")
public record EdgeProperties(
        @Min(1024) @Max(1_048_576) @DefaultValue("16384") int maxBodyBytes,
        @NotNull @DefaultValue({}) List<String> trustedProxies) {
}
