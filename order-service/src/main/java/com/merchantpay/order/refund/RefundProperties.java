package com.merchantpay.order.refund;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How approved refunds are carried to UseePay (retries and back-off are {@code order.placement}'s).
 *
 * @param deadline   the longest one attempt at a refund may take, its retries and query included
 * @param keepAsking how long a refund whose outcome stays unknown is attempted again (query first,
 *                   pauses growing from 1 s to 1 min) before UNKNOWN is the answer and the reconciler
 *                   takes over
 * @param maxAge   an approval written longer ago than this is history (a replay) and not asked again
 */
@Validated
@ConfigurationProperties("order.refund")
public record RefundProperties(
        @NotNull @DefaultValue("90s") Duration deadline,
        @NotNull @DefaultValue("1h") Duration keepAsking,
        @NotNull @DefaultValue("24h") Duration maxAge) {
}
