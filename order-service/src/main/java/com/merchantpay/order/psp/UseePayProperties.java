package com.merchantpay.order.psp;

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
 * How this service reaches UseePay. The keys are bound from the environment only
 * ({@code USEEPAY_MD5_KEY}, {@code USEEPAY_MERCHANT_PRIVATE_KEY}, {@code USEEPAY_PUBLIC_KEY}, mapped in
 * application.yml) and {@link #toString()} never shows them.
 *
 * @param baseUrl            UseePay (or the sandbox); calls go to {@code {baseUrl}/api}
 * @param merchantNo         UseePay merchant number
 * @param appDomain          the merchant's registered website domain (UseePay's {@code appId})
 * @param notifyUrl          where UseePay posts notifications (notify-service)
 * @param signType           MD5 or RSA
 * @param md5Key             the MD5 {@code pkey}, required for MD5
 * @param merchantPrivateKey PKCS#8 Base64, required for RSA
 * @param useepayPublicKey   X.509 Base64, required for RSA
 * @param orderExpiry        how long UseePay keeps an unpaid order open (1 to 20 whole minutes)
 * @param connectTimeout     TCP connect timeout (and the wait for a pooled connection)
 * @param responseTimeout    wait for the reply; far below the SDK's 80 s: query recovers the rest
 * @param maxConnections     connection pool size; at least the number of pay calls kept in flight
 * @param maxPendingAcquires calls that may queue for a pooled connection before failing fast
 */
@Validated
@ConfigurationProperties("useepay")
public record UseePayProperties(
        @NotNull URI baseUrl,
        @NotBlank @Size(max = 16) String merchantNo,
        @NotBlank String appDomain,
        @NotNull URI notifyUrl,
        @NotNull @DefaultValue("MD5") SignType signType,
        String md5Key,
        String merchantPrivateKey,
        String useepayPublicKey,
        @NotNull @DefaultValue("15m") Duration orderExpiry,
        @NotNull @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DefaultValue("3s") Duration responseTimeout,
        @Min(1) @Max(4096) @DefaultValue("256") int maxConnections,
        @Positive @DefaultValue("512") int maxPendingAcquires) {

    public UseePayProperties {
        if (signType == SignType.MD5 && isBlank(md5Key)) {
            throw new IllegalArgumentException("USEEPAY_MD5_KEY is not set (useepay.sign-type=MD5)");
        }
        if (signType == SignType.RSA && (isBlank(merchantPrivateKey) || isBlank(useepayPublicKey))) {
            throw new IllegalArgumentException(
                    "USEEPAY_MERCHANT_PRIVATE_KEY and USEEPAY_PUBLIC_KEY must be set (useepay.sign-type=RSA)");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "UseePayProperties[baseUrl=" + baseUrl + ", merchantNo=" + merchantNo + ", appDomain=" + appDomain
                + ", notifyUrl=" + notifyUrl + ", signType=" + signType + ", keys=***, orderExpiry=" + orderExpiry
                + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout
                + ", maxConnections=" + maxConnections + ", maxPendingAcquires=" + maxPendingAcquires + "]";
    }
}
