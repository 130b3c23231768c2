package com.merchantpay.gateway.status;

/**
 * What the Mini Program needs to know about an order. From REJECTED on the payment's outcome is
 * decided: the outcome topic holds at most one canonical outcome per order, and the view never
 * goes back to an earlier state even if a topic is replayed out of order across topics. Refunds
 * only move a paid order forward: PAID → PARTIALLY_REFUNDED → REFUNDED, and a late payment of a
 * CLOSED order → REFUNDED; only a refund that succeeded at UseePay moves it.
 */
public enum OrderState {
    /** The checkout is recorded; order-service has not placed it with UseePay yet. */
    CREATING,
    /** UseePay created it: the pay parameters are ready for wx.requestPayment. */
    AWAITING_PAYMENT,
    REJECTED,
    PAID,
    FAILED,
    /** Closed unpaid (expired). If money arrived after the close, {@code refundPending} says so. */
    CLOSED,
    /** Paid, and part of the money is back with the user. */
    PARTIALLY_REFUNDED,
    /** Everything taken is back with the user. */
    REFUNDED;

    /** The payment's outcome is decided (refunds may still follow a paid order). */
    public boolean isFinal() {
        return this != CREATING && this != AWAITING_PAYMENT;
    }
}
