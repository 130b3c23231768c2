package com.merchantpay.useepay.query;

/** How a {@code query} call ended. */
public sealed interface QueryResult {

    /**
     * UseePay knows the order (or the refund); {@code status} is its own status from
     * {@code transactionInfo}. {@code amountMinor}, {@code currency} and {@code originalTransactionId}
     * (the paid order a refund belongs to; absent for payments) may be null when UseePay leaves them out.
     */
    record Found(
            String transactionId,
            String reference,
            PspOrderStatus status,
            String statusWireValue,
            Long amountMinor,
            String currency,
            String errorCode,
            String errorMessage,
            String originalTransactionId) implements QueryResult {
    }

    /** The query call failed with no {@code transactionInfo}: UseePay never saw the order (contract rule). */
    record NotFound(String errorCode, String errorMessage) implements QueryResult {
    }

    /** No trustworthy answer; ask again later. */
    record Unknown(String cause) implements QueryResult {
    }
}
