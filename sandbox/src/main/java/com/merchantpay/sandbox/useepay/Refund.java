package com.merchantpay.sandbox.useepay;

import java.time.Instant;

/**
 * A refund UseePay accepted. Immutable like {@link Order}: settling it is a new record swapped into
 * the {@link OrderBook} atomically. Its outcome reaches the merchant as a notification and a query.
 *
 * @param signType  how the merchant signed the refund call; its notifications follow it
 * @param status    {@code received} until it settles
 * @param errorCode {@code 0000}, or why the refund failed
 * @param traceId   the refund call's trace id, or {@code null}
 * @param traceparent the refund call's W3C {@code traceparent}, sent on its notifications; or {@code null}
 */
public record Refund(
        String transactionId,
        String reference,
        String originalTransactionId,
        long amountMinor,
        String currency,
        String notifyUrl,
        String echoParam,
        String signType,
        RefundStatus status,
        String errorCode,
        String errorMsg,
        Instant createdAt,
        String traceId,
        String traceparent) {

    /** Why a refund the {@code refundOutcome} switch or {@code /fail} refuses ends {@code failed}. */
    public static final String REFUSED = Order.RISK_REFUSED;

    public boolean isOpen() {
        return status == RefundStatus.RECEIVED;
    }

    public Refund moveTo(RefundStatus next, String code, String message) {
        return new Refund(transactionId, reference, originalTransactionId, amountMinor, currency, notifyUrl,
                echoParam, signType, next, code, message, createdAt, traceId, traceparent);
    }
}
