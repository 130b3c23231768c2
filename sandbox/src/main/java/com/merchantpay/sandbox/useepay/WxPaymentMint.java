package com.merchantpay.sandbox.useepay;

import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Makes UseePay's order references and the WeChat payment values. {@code paySign} is random
 * bytes of RSA-signature length: only WeChat's client could check it and none runs here.
 */
@Component
class WxPaymentMint {

    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** Seeded from the clock so references stay unique across sandbox restarts. */
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    String reference() {
        return "SBX" + sequence.incrementAndGet();
    }

    WxPayment payment(String subAppId) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] signature = new byte[256];
        random.nextBytes(signature);
        return new WxPayment(subAppId, Long.toString(Instant.now().getEpochSecond()), alphanumeric(32),
                "wx" + Long.toHexString(System.nanoTime()) + alphanumeric(12),
                Base64.getEncoder().encodeToString(signature));
    }

    private static String alphanumeric(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
        }
        return new String(chars);
    }
}
