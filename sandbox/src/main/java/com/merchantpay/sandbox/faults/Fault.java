package com.merchantpay.sandbox.faults;

/** Every misbehaviour the sandbox can be told to show, each armed by a {@link FaultRule}. */
public enum Fault {
    /** pay: the order is created but the reply is held longer than any sane client timeout. */
    PAY_TIMEOUT,
    /** pay: the order is created, the reply is an HTTP 500. */
    PAY_SERVER_ERROR,
    /** pay: the order is created, the reply is not JSON. */
    PAY_UNPARSABLE,
    /** pay: a normal reply whose {@code sign} does not verify. */
    PAY_BAD_SIGNATURE,
    QUERY_TIMEOUT,
    QUERY_SERVER_ERROR,
    QUERY_UNPARSABLE,
    QUERY_BAD_SIGNATURE,
    /** refund: the refund is made but the reply is held longer than any sane client timeout. */
    REFUND_TIMEOUT,
    /** refund: the refund is made, the reply is an HTTP 500. */
    REFUND_SERVER_ERROR,
    /** refund: the refund is made, the reply is not JSON. */
    REFUND_UNPARSABLE,
    /** refund: the refund is made, its reply's {@code sign} does not verify. */
    REFUND_BAD_SIGNATURE,
    /** The notification is lost for good: no attempt reaches the merchant, no retries. */
    NOTIFY_DROP,
    /** After an acknowledged delivery the same notification is sent once more. */
    NOTIFY_DUPLICATE,
    /** The notification waits a random time of ½–1× {@code notificationMaxDelay}, so later ones overtake it. */
    NOTIFY_DELAY,
    /** A forged copy with a broken signature is sent before the genuine one. */
    NOTIFY_BAD_SIGNATURE,
    /** A correctly signed copy with a different amount is sent before the genuine one. */
    NOTIFY_WRONG_AMOUNT,
    NOTIFY_WRONG_CURRENCY,
    NOTIFY_WRONG_MERCHANT,
    /** code2Session answers {@code -1} (system busy). */
    WECHAT_BUSY
}
