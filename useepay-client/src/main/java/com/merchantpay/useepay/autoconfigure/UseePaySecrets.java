package com.merchantpay.useepay.autoconfigure;

import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.RsaKeys;
import com.merchantpay.useepay.signing.RsaSignatureScheme;
import com.merchantpay.useepay.signing.SignatureScheme;
import org.springframework.core.env.Environment;

/**
 * The one place that reads UseePay's keys and chooses how to sign: {@value #MD5_KEY}, or
 * {@value #MERCHANT_PRIVATE_KEY} + {@value #PUBLIC_KEY} for RSA, from the environment (never from a
 * file in the repository). A key that is needed and missing stops the start with its name; a key's
 * value is never put in a message.
 */
public final class UseePaySecrets {

    public static final String MD5_KEY = "USEEPAY_MD5_KEY";
    public static final String MERCHANT_PRIVATE_KEY = "USEEPAY_MERCHANT_PRIVATE_KEY";
    public static final String PUBLIC_KEY = "USEEPAY_PUBLIC_KEY";

    private UseePaySecrets() {
    }

    /**
     * The scheme the properties ask for. RSA needs UseePay's public key always (to verify what it
     * sends) and our private key only when the service calls UseePay (to sign).
     */
    static SignatureScheme signatureScheme(UseePayProperties properties, Environment environment) {
        return switch (properties.signType()) {
            case MD5 -> new Md5SignatureScheme(new MerchantKey(required(environment, MD5_KEY)));
            case RSA -> new RsaSignatureScheme(
                    properties.calls() ? RsaKeys.privateKey(required(environment, MERCHANT_PRIVATE_KEY)) : null,
                    RsaKeys.publicKey(required(environment, PUBLIC_KEY)));
        };
    }

    private static String required(Environment environment, String name) {
        String value = environment.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
