package com.merchantpay.gateway.checkout;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param verdictWait how long a checkout waits for OrderCreated/OrderRejected before answering 202
 */
@Validated
@ConfigurationProperties("gateway.checkout")
public record CheckoutProperties(@NotNull @DefaultValue("5s") Duration verdictWait) {
}
