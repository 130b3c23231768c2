package com.merchantpay.sandbox.useepay;

/**
 * A refund UseePay accepted; its outcome reaches the merchant only as a notification.
 *
 * @param traceId the refund call's {@code X-Trace-Id}, or {@code null}
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
        String traceId) {
}
