package com.merchantpay.ops.refund;

/** What notify-service's refund ledger said about an operator's request, as far as the tool saw. */
sealed interface RefundDecision {

    record Approved(long refundableAfterMinor) implements RefundDecision {
    }

    record Refused(String code, String message) implements RefundDecision {
    }

    /** The request is on the topic; its decision did not arrive while the tool waited. */
    record NotSeenYet() implements RefundDecision {
    }
}
