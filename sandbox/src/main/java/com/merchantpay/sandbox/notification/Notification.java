package com.merchantpay.sandbox.notification;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One asynchronous notification before signing: the contract's fields for a pay or refund
 * outcome, where it goes and how it is signed.
 *
 * @param counterKey the order number whose counters the deliveries count against
 * @param traceId    sent as {@code X-Trace-Id} with every delivery; {@code null} sends none
 * @param traceparent sent as {@code traceparent} with every delivery; {@code null} sends none
 */
public record Notification(String notifyUrl, String signType, String counterKey, Map<String, String> fields,
                           String traceId, String traceparent) {

    public Notification {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The same notification with some fields replaced (used to forge tampered copies). */
    public Notification with(String field, String value) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put(field, value);
        return new Notification(notifyUrl, signType, counterKey, changed, traceId, traceparent);
    }

    /** Whether this notification is about order {@code orderNo}: the order's own, or one of its refunds'. */
    public boolean concerns(String orderNo) {
        return counterKey.equals(orderNo) || orderNo.equals(fields.get("originalTransactionId"));
    }
}
