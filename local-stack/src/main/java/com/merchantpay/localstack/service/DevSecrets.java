package com.merchantpay.localstack.service;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * DEV-ONLY secrets for one local stack: the UseePay merchant number and MD5 key, the Mini Program's
 * appid and app secret, and the gateway's token key. They are drawn at random when a stack starts,
 * handed to the sandbox and to the services through their environment, and never written anywhere
 * else: {@link #toString()} hides them and nothing logs them. They guard nothing real; because they
 * are new on every start, a secret copied from one run is worthless in the next.
 *
 * @param merchantNo      UseePay merchant number (not a secret, but it must be the same everywhere)
 * @param merchantMd5Key  UseePay MD5 {@code pkey}: sandbox, order-service, notify-service, reconciliation-service
 * @param weChatAppId     the Mini Program appid (not a secret): sandbox, gateway, order-service
 * @param weChatAppSecret the Mini Program app secret: sandbox and gateway
 * @param gatewayTokenKey the gateway's login-token key (at least 32 characters)
 */
public record DevSecrets(String merchantNo, String merchantMd5Key, String weChatAppId, String weChatAppSecret,
                         String gatewayTokenKey) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static DevSecrets generate() {
        return new DevSecrets("500000000000001", "dev-only-md5-" + randomHex(16), "wx00000000localdev",
                "dev-only-app-secret-" + randomHex(16), "dev-only-gateway-token-key-" + randomHex(24));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public String toString() {
        return "DevSecrets[merchantNo=" + merchantNo + ", weChatAppId=" + weChatAppId + ", keys=***]";
    }
}
