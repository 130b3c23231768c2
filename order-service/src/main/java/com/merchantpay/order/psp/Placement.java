package com.merchantpay.order.psp;

import com.merchantpay.useepay.pay.PayResult;
import java.time.Instant;

/** How placing an order with UseePay ended, once any unknown outcome was resolved. */
public sealed interface Placement {

    /**
     * UseePay holds the order and handed out its pay parameters. {@code expiresAt} is an upper bound
     * on UseePay's own expiry: the order was created at the latest when this reply arrived.
     */
    record Placed(PayResult.Accepted order, Instant expiresAt) implements Placement {
    }

    /** UseePay definitely refused the order. */
    record Refused(String errorCode, String errorMessage) implements Placement {
    }

    /** UseePay holds the order but will not give its pay parameters again; see RejectionReason.PSP_ORDER_UNRECOVERABLE. */
    record Unrecoverable(PayResult.Existing order) implements Placement {
    }
}
