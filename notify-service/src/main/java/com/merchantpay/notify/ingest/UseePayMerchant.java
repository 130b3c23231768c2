package com.merchantpay.notify.ingest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who the notifications must be for and how they are signed. Keys come from the environment
 * ({@code USEEPAY_MD5_KEY}, {@code USEEPAY_PUBLIC_KEY}); {@link #toString()} never shows them.
 *
 * @param merchantNo our UseePay merchant number; any other is refused
 * @param md5Key     the shared MD5 {@code pkey}
 * @param publicKey  UseePay's RSA public key (Base64 X.509); empty when we only use MD5
 */
@Validated
@ConfigurationProperties("notify.useepay")
public record UseePayMerchant(
        @NotBlank @Size(max = 16) String merchantNo,
        @NotBlank String md5Key,
        String publicKey) {

    boolean rsaConfigured() {
        return publicKey != null && !publicKey.isBlank();
    }

    @Override
    public String toString() {
        return "UseePayMerchant[merchantNo=" + merchantNo + ", md5Key=***, rsa=" + rsaConfigured() + "]";
    }
}
