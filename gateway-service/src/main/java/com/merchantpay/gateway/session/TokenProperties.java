package com.merchantpay.gateway.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own secret and login-token settings. {@link #toString()} never shows the key.
 *
 * @param key    from the environment only ({@code GATEWAY_TOKEN_KEY}), at least 32 characters; every
 *               instance must share it. It also derives order numbers: rotating it invalidates
 *               sessions and changes the order number of a not-yet-retried Idempotency-Key
 * @param ttl    how long a login token is valid
 * @param issuer the {@code iss} claim written and required
 */
@Validated
@ConfigurationProperties("gateway.token")
public record TokenProperties(
        @NotBlank(message = "set GATEWAY_TOKEN_KEY") @Size(min = 32, message = "GATEWAY_TOKEN_KEY needs at least 32 characters") String key,
        @NotNull @DefaultValue("2h") Duration ttl,
        @NotBlank @DefaultValue("merchantpay-gateway") String issuer) {

    @Override
    public String toString() {
        return "TokenProperties[key=***, ttl=" + ttl + ", issuer=" + issuer + "]";
    }
}
