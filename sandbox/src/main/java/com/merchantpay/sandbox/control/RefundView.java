package com.merchantpay.sandbox.control;

import com.merchantpay.sandbox.useepay.Refund;
import java.time.Instant;

/**
 * A refund as the control API shows it.
 *
 * @param status  {@code received}, {@code succeed} or {@code failed}
 * @param traceId the refund call's trace id; {@code null} when it came without one
 */
record RefundView(
        String transactionId,
        String reference,
        String originalTransactionId,
        long amount,
        String currency,
        String status,
        String errorCode,
        String notifyUrl,
        Instant createdAt,
        String traceId) {

    static RefundView of(Refund refund) {
        return new RefundView(refund.transactionId(), refund.reference(), refund.originalTransactionId(),
                refund.amountMinor(), refund.currency(), refund.status().wire(), refund.errorCode(), refund.notifyUrl(),
                refund.createdAt(), refund.traceId());
    }
}
