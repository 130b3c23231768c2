package com.merchantpay.schemas.ids;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids that a retry or a replay reproduces exactly: the same facts give the same id, so a
 * subscriber that remembers ids can drop a repeat.
 */
public final class EventIds {

    private EventIds() {
    }

    /**
     * A refund's own UseePay transactionId: {@code RF} + 32 hex digits derived from the order and the
     * request (an operator's request key, or the reason the system asked), so asking again for the
     * same refund names the same transaction and UseePay can never refund it twice. 34 characters,
     * within UseePay's 64.
     */
    public static String refundId(String orderNo, String requestKey) {
        return "RF" + deterministic(orderNo, "refund", requestKey).replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** A name-based (version 3) UUID of the given parts joined with ':'. */
    public static String deterministic(String... parts) {
        return UUID.nameUUIDFromBytes(String.join(":", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
