package com.merchantpay.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token buckets: {@code capacity} requests at once, refilled evenly over {@code period}.
 *
 * @param perIp      every {@code /api} request, by client IP (carrier NAT puts many users behind one IP: keep it generous)
 * @param perOpenId  logins, checkouts and status reads, by the user's openid
 */
@Validated
@ConfigurationProperties("gateway.rate-limit")
public record RateLimitProperties(
        @Valid @NotNull @DefaultValue Limit perIp,
        @Valid @NotNull @DefaultValue Limit perOpenId) {

    public record Limit(@Positive @DefaultValue("600") long capacity, @NotNull @DefaultValue("1m") Duration period) {
    }
}
