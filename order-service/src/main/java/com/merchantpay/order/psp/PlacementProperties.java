package com.merchantpay.order.psp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long an unknown UseePay outcome is chased before the checkout is dead-lettered.
 *
 * @param retries    further attempts after the first, each starting with a query
 * @param minBackoff first wait, doubled per attempt (with jitter) up to {@code maxBackoff}
 */
@Validated
@ConfigurationProperties("order.placement")
public record PlacementProperties(
        @Min(0) @Max(20) @DefaultValue("4") int retries,
        @NotNull @DefaultValue("200ms") Duration minBackoff,
        @NotNull @DefaultValue("5s") Duration maxBackoff) {
}
