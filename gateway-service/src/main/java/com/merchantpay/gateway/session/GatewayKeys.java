package com.merchantpay.gateway.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * One secret from the environment, split into independent keys by purpose (HMAC of a label), so a
 * value derived for one purpose can never be replayed as another: token signatures, digests of
 * login codes, order numbers.
 */
@Component
public class GatewayKeys {

    private static final String HMAC = "HmacSHA256";

    private final byte[] tokenKey;
    private final byte[] loginCodeKey;
    private final byte[] orderNumberKey;

    public GatewayKeys(TokenProperties properties) {
        byte[] master = properties.key().getBytes(StandardCharsets.UTF_8);
        this.tokenKey = hmac(master, "login-token");
        this.loginCodeKey = hmac(master, "login-code");
        this.orderNumberKey = hmac(master, "order-number");
    }

    byte[] tokenKey() {
        return tokenKey.clone();
    }

    /** A digest of a login code: the code itself is never kept, not even in memory as a map key. */
    String loginCodeDigest(String code) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(loginCodeKey, code));
    }

    /** HMAC-SHA256 of {@code input} under the order-number key. */
    public byte[] orderNumberMac(String input) {
        return hmac(orderNumberKey, input);
    }

    private static byte[] hmac(byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "GatewayKeys[***]";
    }
}
