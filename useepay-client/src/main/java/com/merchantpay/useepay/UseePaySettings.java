package com.merchantpay.useepay;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Where and how to reach UseePay. Holds no key: keys live in the
 * {@link com.merchantpay.useepay.signing.SignatureScheme}, so printing settings never leaks one.
 *
 * @param baseUrl            {@code https://pay-gateway1.uat.useepay.com} or production, or the sandbox;
 *                           calls go to {@code {baseUrl}/api}
 * @param merchantNo         UseePay merchant number, up to 16 characters
 * @param appDomain          the contract's {@code appId}: the merchant's registered website domain,
 *                           without scheme (not the WeChat appid)
 * @param notifyUrl          where UseePay posts asynchronous notifications
 * @param connectTimeout     TCP connect timeout; also how long a call may wait for a pooled connection
 * @param responseTimeout    how long to wait for the reply once the request is sent
 * @param maxConnections     connection pool size
 * @param maxPendingAcquires calls allowed to queue for a pooled connection; beyond that a call fails
 *                           fast (as an unknown outcome) instead of piling up
 */
public record UseePaySettings(
        URI baseUrl,
        String merchantNo,
        String appDomain,
        URI notifyUrl,
        Duration connectTimeout,
        Duration responseTimeout,
        int maxConnections,
        int maxPendingAcquires) {

    private static final int MERCHANT_NO_MAX_LENGTH = 16;

    public UseePaySettings {
        requireHttpUrl("baseUrl", baseUrl);
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("UseePay baseUrl must not carry a query or fragment");
        }
        if (merchantNo == null || merchantNo.isBlank() || merchantNo.length() > MERCHANT_NO_MAX_LENGTH
                || !merchantNo.strip().equals(merchantNo)) {
            throw new IllegalArgumentException("UseePay merchantNo must be 1 to 16 characters without surrounding blanks");
        }
        if (appDomain == null || appDomain.isBlank() || appDomain.contains("/") || appDomain.contains(":")
                || appDomain.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "UseePay appDomain must be the registered website domain without scheme or path, e.g. www.example.com");
        }
        requireHttpUrl("notifyUrl", notifyUrl);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("responseTimeout", responseTimeout);
        if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("UseePay connectTimeout is far too long");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("UseePay maxConnections must be at least 1");
        }
        if (maxPendingAcquires < 1) {
            throw new IllegalArgumentException("UseePay maxPendingAcquires must be at least 1 (the queue is bounded)");
        }
    }

    /** {@code POST {baseUrl}/api}, whether or not the base ends with a slash or has a path. */
    URI apiEndpoint() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api");
    }

    /**
     * An upper bound on one call, whatever reactor-netty's own timeouts do: waiting for a pooled
     * connection, connecting, then waiting for the reply (which also bounds a reply that trickles in).
     */
    Duration callDeadline() {
        return connectTimeout.multipliedBy(2).plus(responseTimeout);
    }

    private static void requireHttpUrl(String name, URI url) {
        if (url == null || !url.isAbsolute() || url.getHost() == null || url.getScheme() == null
                || !(url.getScheme().toLowerCase(Locale.ROOT).equals("http")
                        || url.getScheme().toLowerCase(Locale.ROOT).equals("https"))) {
            throw new IllegalArgumentException("UseePay " + name + " must be an absolute http(s) URL with a host");
        }
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("UseePay " + name + " must be a positive duration");
        }
    }
}
