package com.merchantpay.sandbox.support;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** RSA key pairs made once per test JVM: the merchant's and UseePay's. Nothing is checked in. */
public final class TestKeys {

    public static final String MERCHANT_NO = "500000000000001";
    public static final String MERCHANT_KEY = "test-only-md5-merchant-key";
    public static final String WECHAT_APP_ID = "wx1234567890abcdef";
    public static final String WECHAT_SECRET = "test-only-wechat-app-secret";
    public static final KeyPair MERCHANT = generate();
    public static final KeyPair USEEPAY = generate();

    private TestKeys() {
    }

    public static String base64(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
