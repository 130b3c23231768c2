package com.merchantpay.order.checkout;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param drainTimeout how long a rebalance (or shutdown) waits for the in-flight work of the partitions
 *                     this instance loses, so the next owner sees their decisions; past it, the next
 *                     owner may repeat the work, which the ledger, query and UseePay's one-order-per-
 *                     number rule keep harmless
 */
@Validated
@ConfigurationProperties("order.checkout")
public record CheckoutProperties(@NotNull @DefaultValue("15s") Duration drainTimeout) {
}
