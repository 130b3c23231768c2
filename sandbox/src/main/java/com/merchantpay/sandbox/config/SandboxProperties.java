package com.merchantpay.sandbox.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the sandbox needs to play UseePay and WeChat. Keys and secrets come from the
 * environment (or the {@code local} profile); {@link #toString()} never shows them.
 *
 * @param timeScale          how long a sandbox "minute" lasts relative to a real one: expiry,
 *                           code lifetime and the notification retry schedule are multiplied by it
 *                           ({@code 0.001} makes a minute 60 ms)
 * @param addedLatency       extra delay before every pay/query reply (load tests use 50–100 ms)
 */
@Validated
@ConfigurationProperties("sandbox")
public record SandboxProperties(
        @Valid @NotNull UseePay useepay,
        @Valid @NotNull WeChat wechat,
        @Valid @NotNull @DefaultValue Notifications notifications,
        @DecimalMin(value = "0.00001") @DecimalMax("1000") @DefaultValue("1.0") double timeScale,
        @NotNull @DefaultValue("0ms") Duration addedLatency) {

    /**
     * @param merchantNo          the only merchant this sandbox serves
     * @param merchantKey         MD5 {@code pkey}, shared with the merchant
     * @param merchantPublicKey   Base64 X.509; verifies the merchant's RSA-signed requests (optional)
     * @param useepayPrivateKey   Base64 PKCS#8; signs RSA replies and notifications (optional)
     * @param currencies          accepted ISO 4217 codes; the contract leaves all but HKD unknown
     */
    public record UseePay(
            @NotBlank @Size(max = 16) String merchantNo,
            @NotBlank String merchantKey,
            String merchantPublicKey,
            String useepayPrivateKey,
            @NotEmpty @DefaultValue({"HKD", "CNY", "USD"}) Set<String> currencies) {

        public boolean rsaEnabled() {
            return merchantPublicKey != null && !merchantPublicKey.isBlank()
                    && useepayPrivateKey != null && !useepayPrivateKey.isBlank();
        }

        @Override
        public String toString() {
            return "UseePay[merchantNo=" + merchantNo + ", merchantKey=***, rsa=" + rsaEnabled()
                    + ", currencies=" + currencies + "]";
        }
    }

    /**
     * @param appId            the Mini Program's appid
     * @param secret           its app secret
     * @param codeLifetime     how long a minted login code stays valid (then scaled by timeScale)
     * @param callsPerMinute   code2Session quota per openid per real minute (→ 45011)
     */
    public record WeChat(
            @NotBlank String appId,
            @NotBlank String secret,
            @NotNull @DefaultValue("5m") Duration codeLifetime,
            @Positive @DefaultValue("100") int callsPerMinute) {

        @Override
        public String toString() {
            return "WeChat[appId=" + appId + ", secret=***, codeLifetime=" + codeLifetime
                    + ", callsPerMinute=" + callsPerMinute + "]";
        }
    }

    /**
     * @param responseTimeout  how long the merchant's notify URL may take before the attempt
     *                         counts as failed (real time, not scaled)
     */
    public record Notifications(@NotNull @DefaultValue("5s") Duration responseTimeout) {
    }
}
