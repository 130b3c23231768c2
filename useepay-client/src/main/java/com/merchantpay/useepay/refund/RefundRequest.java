package com.merchantpay.useepay.refund;

import java.util.Objects;

/**
 * One refund of (part of) a paid order.
 *
 * @param transactionId         the refund's own number, deterministic for the refund (a retry, a
 *                              redelivery or a replay sends the same one, so UseePay never refunds twice)
 * @param originalTransactionId the paid order's number
 * @param amountMinor           what goes back, in the currency's minor unit (> 0; partial refunds allowed)
 * @param currency              the order's currency
 */
public record RefundRequest(String transactionId, String originalTransactionId, long amountMinor, String currency) {

    private static final int MAX_ID_LENGTH = 64;

    public RefundRequest {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(originalTransactionId, "originalTransactionId");
        Objects.requireNonNull(currency, "currency");
        if (transactionId.isBlank() || transactionId.length() > MAX_ID_LENGTH || transactionId.equals(originalTransactionId)) {
            throw new IllegalArgumentException("a refund needs its own transactionId of 1-64 characters");
        }
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a refund amount must be positive");
        }
    }
}
