package com.merchantpay.sandbox.faults;

/** What a second {@code pay} with the same transactionId gets; the contract leaves it UNKNOWN. */
public enum DuplicateCreate {
    /** The same order and the same payment parameters again. */
    IDEMPOTENT,
    /** {@code failed} / {@code 1001}; the merchant must recover the order through query. */
    REJECT
}
