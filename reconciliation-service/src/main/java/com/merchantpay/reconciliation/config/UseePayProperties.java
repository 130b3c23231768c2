package com.merchantpay.reconciliation.config;

import com.merchantpay.useepay.UseePaySettings;
import com.merchantpay.useepay.signing.SignType;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where UseePay is and how to call it. Keys are not here: they come from the environment only
 * ({@code USEEPAY_MD5_KEY}, or {@code USEEPAY_MERCHANT_PRIVATE_KEY} + {@code USEEPAY_PUBLIC_KEY} for RSA).
 *
 * @param notifyUrl  required by the client's settings, never used: the reconciler creates no orders
 */
@Validated
@ConfigurationProperties("useepay")
public record UseePayProperties(
        @NotNull URI baseUrl,
        @NotBlank @Size(max = 16) String merchantNo,
        @NotBlank String appDomain,
        @NotNull @DefaultValue("http://notify.invalid/unused") URI notifyUrl,
        @NotNull @DefaultValue("MD5") SignType signType,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("5s") Duration responseTimeout,
        @Min(1) @DefaultValue("64") int maxConnections,
        @Min(1) @DefaultValue("1000") int maxPendingAcquires) {

    UseePaySettings settings() {
        return new UseePaySettings(baseUrl, merchantNo, appDomain, notifyUrl, connectTimeout, responseTimeout,
                maxConnections, maxPendingAcquires);
    }
}
