package com.merchantpay.order.decision;

/**
 * Why a checkout became {@code OrderRejected}. The names are the stable {@code reasonCode} values
 * on the topic: subscribers switch on them, so they are never renamed, only added.
 */
public enum RejectionReason {
    /** The checkout named no items. */
    EMPTY_CART,
    /** More item lines than the catalog allows in one order. */
    TOO_MANY_ITEMS,
    /** A product id the catalog does not sell. */
    UNKNOWN_PRODUCT,
    /** A quantity of zero or less. */
    INVALID_QUANTITY,
    /** A quantity above the per-line limit: a typo or an attack, never a real basket. */
    QUANTITY_OVER_LIMIT,
    /** Items priced in different currencies; UseePay takes one currency per order. */
    MIXED_CURRENCY,
    /** The total exceeds the configured limit (or UseePay's 12 digits). */
    TOTAL_OVER_LIMIT,
    /** The event itself cannot become an order (order number too long, no openid). */
    INVALID_CHECKOUT,
    /** UseePay definitely refused the order ({@code failed}); {@code pspErrorCode} says why. */
    PSP_REJECTED,
    /**
     * UseePay holds an order for this number but will not hand out its pay parameters again (the
     * "reject duplicates" variant after a crash lost our copy): the user cannot be sent to pay it.
     * It expires unpaid at UseePay; should it be paid anyway, the payment outcome path sees it.
     */
    PSP_ORDER_UNRECOVERABLE,
    /**
     * The checkout could not be completed: UseePay's answer stayed unknown through every retry, or the
     * work failed in a way a retry does not fix (the checkout record is in the dead-letter topic and a
     * {@code CheckoutDeadLettered} alert names the order). The shopper starts a new checkout; should
     * UseePay hold an order for this number, it expires unpaid.
     */
    CHECKOUT_FAILED
}
