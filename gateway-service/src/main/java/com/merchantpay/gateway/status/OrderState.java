package com.merchantpay.gateway.status;

/**
 * What the Mini Program needs to know about an order. REJECTED, PAID, FAILED and CLOSED are final:
 * the outcome topic holds at most one canonical outcome per order, and the view never leaves a final
 * state even if a topic is replayed out of order across topics.
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
    CLOSED;

    public boolean isFinal() {
        return this == REJECTED || this == PAID || this == FAILED || this == CLOSED;
    }
}
