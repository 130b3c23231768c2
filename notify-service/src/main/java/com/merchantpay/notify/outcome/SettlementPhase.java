package com.merchantpay.notify.outcome;

/** Where one order stands. The last four are final: an outcome (or a rejection) was decided once. */
enum SettlementPhase {
    /** Findings arrived before the order's OrderCreated; they wait in the settlement. */
    AWAITING_ORDER,
    AWAITING_PAYMENT,
    PAID,
    FAILED,
    CLOSED,
    /** order-service never placed it (OrderRejected): no outcome, but money taken still needs a refund. */
    REJECTED;

    boolean endedUnpaid() {
        return this == FAILED || this == CLOSED || this == REJECTED;
    }

    /** An outcome (or a rejection) was decided: from here on the order only waits to be forgotten. */
    boolean settled() {
        return this == PAID || endedUnpaid();
    }
}
