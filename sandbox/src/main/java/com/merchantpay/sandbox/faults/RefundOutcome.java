package com.merchantpay.sandbox.faults;

/** How a refund settles when nobody settles it by hand first; read when the refund is made. */
public enum RefundOutcome {
    /** {@code succeed}: the money goes back to the payer. */
    SUCCEED,
    /** {@code failed} with {@code 0053}; the amount becomes refundable again. */
    FAIL
}
