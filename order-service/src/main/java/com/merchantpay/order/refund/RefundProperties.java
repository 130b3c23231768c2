package com.merchantpay.order.refund;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How approved refunds are carried to UseePay (retries and back-off are {@code order.placement}'s).
 *
 * @param deadline the longest one refund may take, retries included; past it the answer is UNKNOWN
 *                 and the reconciler asks UseePay later
 * @param maxAge   an approval written longer ago than this is history (a replay) and not asked again
 */
@Validated
@ConfigurationProperties("order.refund")
public record RefundProperties(
        @NotNull @DefaultValue("90s") Duration deadline,
        @NotNull @DefaultValue("24h") Duration maxAge) {
}
