package com.merchantpay.order.decision;

import com.merchantpay.useepay.pay.WxPaymentParameters;
import java.time.Instant;

/** What the service decided about one order number: exactly one of these is published per number. */
public sealed interface OrderDecision {

    String orderNo();

    /** UseePay holds the order and the Mini Program can pay it with {@code payment}. */
    record Created(
            String orderNo,
            long amountMinor,
            String currency,
            String subject,
            String pspReference,
            Instant expiresAt,
            WxPaymentParameters payment) implements OrderDecision {
    }

    /** The order cannot be paid; {@code pspErrorCode} is UseePay's code when UseePay refused, else null. */
    record Rejected(String orderNo, RejectionReason reason, String detail, String pspErrorCode) implements OrderDecision {
    }
}
