package com.merchantpay.useepay.refund;

/** How a {@code refund} call (with its recovery) ended. */
public sealed interface RefundResult {

    /**
     * UseePay holds the refund; {@code status} is its state (usually {@code received}: the outcome
     * arrives as a notification with {@code transactionType=refund}).
     */
    record Accepted(String transactionId, String reference, String status) implements RefundResult {
    }

    /** UseePay definitely refused it ({@code failed}); nothing was refunded. */
    record Rejected(String errorCode, String errorMessage) implements RefundResult {
    }

    /** No trustworthy answer: the refund may or may not exist. Resolve by querying its transactionId, never by refunding blindly. */
    record Unknown(String cause) implements RefundResult {
    }
}
