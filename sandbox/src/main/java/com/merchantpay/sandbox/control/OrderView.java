package com.merchantpay.sandbox.control;

import com.merchantpay.sandbox.useepay.Order;
import java.time.Instant;

/**
 * An order as the control API shows it (no payment signature, nothing secret).
 *
 * @param traceId     the create call's trace id; {@code null} when it came without one
 * @param traceparent the create call's W3C {@code traceparent}; {@code null} when it came without one
 */
record OrderView(
        String transactionId,
        String reference,
        long amount,
        String currency,
        String status,
        String errorCode,
        String errorMsg,
        String notifyUrl,
        String signType,
        long refunded,
        String prepayId,
        Instant createdAt,
        Instant expiresAt,
        String traceId,
        String traceparent) {

    static OrderView of(Order order) {
        return new OrderView(order.transactionId(), order.reference(), order.amountMinor(), order.currency(),
                order.status().wire(), order.errorCode(), order.errorMsg(), order.notifyUrl(), order.signType(),
                order.refundedMinor(), order.payment().prepayId(), order.createdAt(), order.expiresAt(),
                order.traceId(), order.traceparent());
    }
}
