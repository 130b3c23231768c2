package com.merchantpay.sandbox.faults;

/** What a second {@code refund} with the same transactionId gets; the contract leaves it UNKNOWN. */
public enum DuplicateRefund {
    /** The same refund again, as it stands now; nothing is refunded twice. */
    IDEMPOTENT,
    /** {@code failed} / {@code 1001}; the merchant must find the refund through query. */
    REJECT
}
