package com.merchantpay.order.checkout;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How checkouts are taken off {@code payments.checkouts.v1}.
 *
 * @param maxInFlight      checkouts being worked on at once (UseePay calls, their retries, the
 *                         publishing of the decision); at the bound the consumer pauses, which is
 *                         the service's backpressure. {@code useepay.max-connections} must be at least this.
 * @param decisionDeadline the longest one checkout may take, retries included; past it the
 *                         checkout is dead-lettered instead of holding its offset for ever
 * @param drainTimeout     how long a rebalance (or shutdown) waits for the in-flight work of the
 *                         partitions this instance loses, so the next owner sees their decisions;
 *                         past it, the next owner may repeat the work, which the ledger, query and
 *                         UseePay's one-order-per-number rule keep harmless
 * @param commitInterval   how often finished offsets are committed (asynchronously)
 * @param registryRetry    how long a partition waits before reading a record again whose schema
 *                         the registry did not hand out in time (the record is fine: never dead-lettered)
 * @param maxAge           the horizon: a checkout written longer ago than this is history, not work
 *                         (an operator's replay, a redelivery after an outage longer than this), and is
 *                         never placed; the ledger of decisions covers this horizon, so what it holds
 *                         and what a rebalance reads grow with the recent order rate, never with history.
 *                         Far longer than any UseePay order lives (20 minutes) and any outage we plan for
 */
@Validated
@ConfigurationProperties("order.checkout")
public record CheckoutProperties(
        @Min(1) @DefaultValue("192") int maxInFlight,
        @NotNull @DefaultValue("60s") Duration decisionDeadline,
        @NotNull @DefaultValue("15s") Duration drainTimeout,
        @NotNull @DefaultValue("200ms") Duration commitInterval,
        @NotNull @DefaultValue("1s") Duration registryRetry,
        @NotNull @DefaultValue("24h") Duration maxAge) {
}
