package com.merchantpay.gateway.edge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every request meets at the door.
 *
 * @param maxBodyBytes the largest request body accepted; a checkout of 50 lines is about 3 KB
 */
@Validated
@ConfigurationProperties("gateway.http")
public record EdgeProperties(@Min(1024) @Max(1_048_576) @DefaultValue("16384") int maxBodyBytes) {
}
