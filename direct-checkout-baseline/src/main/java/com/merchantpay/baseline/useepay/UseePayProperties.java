package com.merchantpay.baseline.useepay;

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
 * How the baseline reaches UseePay (MD5 signing only: the baseline measures the call, not the
 * signature scheme). The key comes from {@code USEEPAY_MD5_KEY} only; {@link #toString()} hides it.
 *
 * @param baseUrl            UseePay or the sandbox; calls go to {@code {baseUrl}/api}
 * @param merchantNo         UseePay merchant number
 * @param appDomain          the merchant's registered website domain (UseePay's {@code appId})
 * @param notifyUrl          where UseePay would post notifications; the baseline has no listener there
 * @param md5Key             the MD5 {@code pkey}
 * @param orderExpiry        how long UseePay keeps an unpaid order open (1 to 20 whole minutes)
 * @param connectTimeout     TCP connect timeout and the wait for a pooled connection
 * @param responseTimeout    wait for UseePay's reply
 * @param maxConnections     connection pool size: the pay calls in flight at once
 * @param maxPendingAcquires calls that may queue for a connection before failing fast
 */
@Validated
@ConfigurationProperties("useepay")
public record UseePayProperties(
        @NotNull URI baseUrl,
        @NotBlank @Size(max = 16) String merchantNo,
        @NotBlank String appDomain,
        @NotNull URI notifyUrl,
        @NotBlank String md5Key,
        @NotNull @DefaultValue("15m") Duration orderExpiry,
        @NotNull @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DefaultValue("3s") Duration responseTimeout,
        @Min(1) @Max(4096) @DefaultValue("256") int maxConnections,
        @Positive @DefaultValue("512") int maxPendingAcquires) {

    @Override
    public String toString() {
        return "UseePayProperties[baseUrl=" + baseUrl + ", merchantNo=" + merchantNo + ", appDomain=" + appDomain
                + ", notifyUrl=" + notifyUrl + ", md5Key=***, orderExpiry=" + orderExpiry + ", connectTimeout="
                + connectTimeout + ", responseTimeout=" + responseTimeout + ", maxConnections=" + maxConnections
                + ", maxPendingAcquires=" + maxPendingAcquires + "]";
    }
}
