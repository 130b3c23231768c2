package com.merchantpay.gateway.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * A short fingerprint of a checkout's lines, computed the same way from the HTTP request and from
 * the CheckoutRequested event, so a reused Idempotency-Key with a different basket is noticed.
 */
public final class BasketDigest {

    private BasketDigest() {
    }

    public record Line(String productId, int quantity) {
    }

    public static String of(List<Line> lines) {
        StringBuilder canonical = new StringBuilder();
        for (Line line : lines) {
            canonical.append(line.productId().length()).append(':').append(line.productId())
                    .append('=').append(line.quantity()).append(';');
        }
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
