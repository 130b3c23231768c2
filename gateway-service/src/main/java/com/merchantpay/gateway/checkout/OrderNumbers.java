package com.merchantpay.gateway.checkout;

import com.merchantpay.gateway.session.GatewayKeys;
import org.springframework.stereotype.Component;

/**
 * Order numbers derived, never stored: {@code "MP"} + Base32 of HMAC-SHA256(openid + ":" +
 * Idempotency-Key), 32 characters of [A-Z2-7]. The same user and key give the same number on any
 * instance and after any restart; the keyed hash keeps numbers unguessable and unlinkable to users.
 * 150 bits of the hash make a collision between two checkouts practically impossible.
 */
@Component
class OrderNumbers {

    static final int LENGTH = 32;
    private static final String PREFIX = "MP";
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final GatewayKeys keys;

    OrderNumbers(GatewayKeys keys) {
        this.keys = keys;
    }

    String derive(String openId, String idempotencyKey) {
        byte[] mac = keys.orderNumberMac(openId + ":" + idempotencyKey);
        return PREFIX + base32(mac, LENGTH - PREFIX.length());
    }

    /** RFC 4648 Base32 without padding, first {@code chars} characters. */
    private static String base32(byte[] bytes, int chars) {
        StringBuilder out = new StringBuilder(chars);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < bytes.length && out.length() < chars; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xff);
            bits += 8;
            while (bits >= 5 && out.length() < chars) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return out.toString();
    }
}
