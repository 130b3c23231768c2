package com.merchantpay.notify.outcome;

import org.apache.avro.specific.SpecificRecord;

/** An event the state machine decided to publish, and where it goes. */
record Emission(Channel channel, SpecificRecord event) {

    enum Channel {
        /** {@code PaymentTopics.OUTCOMES}: what merchant systems subscribe to. */
        OUTCOME,
        /** {@code PaymentTopics.ALERTS}: for humans. */
        ALERT,
        /** {@code PaymentTopics.REFUNDS}: the ledger's decisions, for order-service to carry out. */
        REFUND,
        /** {@code PaymentTopics.REFUND_REQUESTS}: a refund the system asks for on its own. */
        REFUND_REQUEST
    }

    static Emission outcome(SpecificRecord event) {
        return new Emission(Channel.OUTCOME, event);
    }

    static Emission alert(SpecificRecord event) {
        return new Emission(Channel.ALERT, event);
    }

    static Emission refund(SpecificRecord event) {
        return new Emission(Channel.REFUND, event);
    }

    static Emission refundRequest(SpecificRecord event) {
        return new Emission(Channel.REFUND_REQUEST, event);
    }

    /** The event's record name, e.g. {@code PaymentSucceeded}: the metric tag and the log word. */
    String kind() {
        return event.getSchema().getName();
    }
}
