package com.merchantpay.useepay.autoconfigure;

import com.merchantpay.useepay.UseePaySettings;
import com.merchantpay.useepay.signing.SignType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches UseePay, the same for every service ({@code useepay.*}, e.g.
 * {@code USEEPAY_BASE_URL}). It holds no key: keys are read from the environment by
 * {@link UseePaySecrets} alone. A service that only verifies notifications leaves the call settings out.
 *
 * @param merchantNo         our UseePay merchant number (calls carry it; notifications must name it)
 * @param signType           MD5 or RSA: how we sign and how UseePay signs what it sends us
 * @param baseUrl            UseePay or the sandbox; calls go to {@code {baseUrl}/api}. Without it
 *                           the service gets no client, only the notification verifier
 * @param appDomain          the merchant's registered website domain (UseePay's {@code appId})
 * @param notifyUrl          where UseePay posts notifications (notify-service); only {@code pay} sends it
 * @param orderExpiry        how long UseePay keeps an unpaid order open (1 to 20 whole minutes)
 * @param connectTimeout     TCP connect timeout (and the wait for a pooled connection)
 * @param responseTimeout    wait for the reply; far below the SDK's 80 s: query recovers the rest
 * @param maxConnections     connection pool size; at least the number of calls kept in flight
 * @param maxPendingAcquires calls that may queue for a pooled connection before failing fast
 */
@Validated
@ConfigurationProperties("useepay")
public record UseePayProperties(
        @NotBlank @Size(max = 16) String merchantNo,
        @NotNull @DefaultValue("MD5") SignType signType,
        URI baseUrl,
        String appDomain,
        URI notifyUrl,
        @NotNull @DefaultValue("15m") Duration orderExpiry,
        @NotNull @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DefaultValue("3s") Duration responseTimeout,
        @Min(1) @Max(4096) @DefaultValue("256") int maxConnections,
        @Positive @DefaultValue("512") int maxPendingAcquires) {

    /** A service that queries but never pays (reconciliation) names no notify URL; the client still wants one. */
    private static final URI NO_NOTIFICATIONS = URI.create("http://notifications.invalid/");

    public boolean calls() {
        return baseUrl != null;
    }

    UseePaySettings settings() {
        if (appDomain == null || appDomain.isBlank()) {
            throw new IllegalArgumentException("useepay.app-domain (USEEPAY_APP_DOMAIN) is not set");
        }
        return new UseePaySettings(baseUrl, merchantNo, appDomain, notifyUrl == null ? NO_NOTIFICATIONS : notifyUrl,
                connectTimeout, responseTimeout, maxConnections, maxPendingAcquires);
    }
}
