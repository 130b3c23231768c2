package com.merchantpay.sandbox.useepay;

import java.time.Instant;

/**
 * One UseePay order as the sandbox holds it. Immutable: a state change is a new record swapped
 * into the {@link OrderBook} atomically.
 *
 * @param signType  how the merchant signed the create; replies and notifications follow it
 * @param errorCode {@code 0000}, or why the order ended ({@code 3300} expiry, {@code 0053} risk)
 * @param traceId   the create call's trace id, or {@code null} when it came without one
 * @param traceparent the create call's W3C {@code traceparent}, sent on the order's notifications; or {@code null}
 */
public record Order(
        String transactionId,
        String reference,
        long amountMinor,
        String currency,
        String notifyUrl,
        String echoParam,
        String signType,
        String merchantSite,
        String subject,
        String subOpenId,
        WxPayment payment,
        OrderStatus status,
        String errorCode,
        String errorMsg,
        long refundedMinor,
        Instant createdAt,
        Instant expiresAt,
        String traceId,
        String traceparent) {

    public static final String OK = "0000";
    public static final String EXPIRED = "3300";
    public static final String RISK_REFUSED = "0053";

    public boolean isOpen() {
        return status == OrderStatus.RECEIVED;
    }

    public Order moveTo(OrderStatus next, String code, String message) {
        return new Order(transactionId, reference, amountMinor, currency, notifyUrl, echoParam, signType,
                merchantSite, subject, subOpenId, payment, next, code, message, refundedMinor, createdAt,
                expiresAt, traceId, traceparent);
    }

    public Order withRefunded(long moreMinor) {
        return new Order(transactionId, reference, amountMinor, currency, notifyUrl, echoParam, signType,
                merchantSite, subject, subOpenId, payment, status, errorCode, errorMsg,
                refundedMinor + moreMinor, createdAt, expiresAt, traceId, traceparent);
    }
}
