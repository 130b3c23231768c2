package com.merchantpay.gateway.status;

/** One event of an order as the view needs it, whichever topic it came from. */
sealed interface OrderFact {

    String orderNo();

    record CheckoutSeen(String orderNo, String openId, String itemsDigest) implements OrderFact {
    }

    record Created(String orderNo, String openId, PayParameters payment) implements OrderFact {
    }

    record Rejected(String orderNo, String reasonCode, String reasonMessage) implements OrderFact {
    }

    /** PaymentSucceeded: the order's canonical outcome, with what was taken. */
    record Paid(String orderNo, long amountMinor, String currency) implements OrderFact {
    }

    /** PaymentFailed or OrderClosed: the order's one canonical outcome, nothing taken. */
    record Unpaid(String orderNo, OrderState state) implements OrderFact {
    }

    /** Money arrived after the order closed: the user will be refunded. */
    record RefundRequired(String orderNo, long amountMinor, String currency) implements OrderFact {
    }

    /** RefundSucceeded: money is back with the user; {@code refundedTotalMinor} counts every refund so far. */
    record Refunded(String orderNo, long refundedTotalMinor, long paidMinor, String currency) implements OrderFact {
    }
}
