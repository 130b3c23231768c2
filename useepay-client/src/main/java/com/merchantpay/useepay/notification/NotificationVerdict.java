package com.merchantpay.useepay.notification;

/** What {@code NotificationVerifier} decided about one incoming notification. */
public sealed interface NotificationVerdict {

    record Verified(PaymentNotification notification) implements NotificationVerdict {
    }

    /** Refused: never becomes an event; answered with a non-200 so UseePay retries a genuine one. */
    record Refused(RefusalReason reason) implements NotificationVerdict {
    }

    enum RefusalReason {
        MISSING_FIELD,
        MALFORMED_FIELD,
        UNSUPPORTED_SIGN_TYPE,
        BAD_SIGNATURE,
        WRONG_MERCHANT
    }
}
