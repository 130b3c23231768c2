package com.merchantpay.notify.outcome;

import com.merchantpay.events.psp.PspNotificationVerified;
import com.merchantpay.events.psp.PspStatusQueried;

/**
 * What UseePay said about an order, whether by notification or by query: the one shape the state
 * machine reads, so both paths are decided by the same rules.
 *
 * @param source          {@code notification} or {@code query}; becomes the outcome's {@code decidedBy}
 * @param subjectId       the transaction it is about: the order number, or for a refund the refund's id
 * @param transactionType {@code pay} or {@code refund}
 * @param amountMinor     null when a query did not report it
 * @param currency        null when a query did not report it
 */
record Finding(
        String eventId,
        String source,
        String subjectId,
        String transactionType,
        String status,
        Long amountMinor,
        String currency,
        String pspReference,
        String errorCode,
        String errorMessage,
        long occurredAtMillis,
        String traceId) {

    static final String SUCCEED = "succeed";

    static Finding of(PspNotificationVerified notification) {
        return new Finding(notification.getEventId(), "notification", notification.getOrderNo(), notification.getTransactionType(),
                notification.getStatus(), notification.getAmountMinor(), notification.getCurrency(),
                notification.getPspReference(), notification.getErrorCode(), notification.getErrorMessage(),
                notification.getOccurredAt().toEpochMilli(), notification.getTraceId());
    }

    static Finding of(PspStatusQueried query) {
        return new Finding(query.getEventId(), "query", query.getOrderNo(), query.getTransactionType(), query.getStatus(),
                query.getAmountMinor(),
                query.getCurrency(), query.getPspReference(), query.getErrorCode(), query.getErrorMessage(),
                query.getOccurredAt().toEpochMilli(), query.getTraceId());
    }

    boolean isRefund() {
        return "refund".equals(transactionType);
    }

    boolean isSucceed() {
        return SUCCEED.equals(status);
    }

    /** failed and cancelled end the order unpaid as PaymentFailed; closed as OrderClosed. */
    boolean isFailure() {
        return "failed".equals(status) || "cancelled".equals(status);
    }

    boolean isClosed() {
        return "closed".equals(status);
    }

    /** received, pending, not_found and card-only values decide nothing. */
    boolean isFinal() {
        return isSucceed() || isFailure() || isClosed();
    }

    /** A finding that does not report amount or currency (some query replies) cannot contradict the order. */
    boolean contradicts(ExpectedPayment expected) {
        return (amountMinor != null && amountMinor != expected.amountMinor())
                || (currency != null && !currency.equals(expected.currency()));
    }
}
