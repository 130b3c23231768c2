package com.merchantpay.useepay.pay;

import com.merchantpay.useepay.query.PspOrderStatus;

/**
 * How a {@code pay} call ended. Callers must handle every case; {@link Unknown} is never a failure:
 * the order may exist at UseePay, so resolve it with a query before anything else.
 */
public sealed interface PayResult {

    /**
     * UseePay holds the order and it awaits payment; {@code payment} goes to the Mini Program as is.
     * {@code reference} (UseePay's order number) is null when the reply left it out.
     */
    record Accepted(
            String transactionId,
            String reference,
            long amountMinor,
            String currency,
            String resultCode,
            WxPaymentParameters payment) implements PayResult {
    }

    /**
     * UseePay definitely refused the order ({@code failed}, with its code and message as sent; either
     * may be null when UseePay left it out). {@code 1001} is also what some UseePay variants answer to
     * a duplicate {@code transactionId}: {@code payOrRecover} tells the two apart.
     */
    record Rejected(String errorCode, String errorMessage) implements PayResult {
    }

    /** No trustworthy answer: timeout, connection error, non-200, unparsable or badly signed reply. */
    record Unknown(String cause) implements PayResult {
    }

    /**
     * Only from {@code payOrRecover}: UseePay already holds an order with this {@code transactionId}
     * (found by query) but did not hand out its pay parameters again, so the Mini Program cannot be
     * sent to pay it. {@code status} tells the caller what it is: awaiting payment
     * ({@code RECEIVED}/{@code PENDING}), already paid ({@code SUCCEED}), or final otherwise. The
     * payment outcome path (notification, reconciliation) still applies to it. {@code amountMinor}
     * and {@code currency} are what UseePay holds (null when the query reply left them out); compare
     * them with the order before trusting anything else about it.
     */
    record Existing(
            String transactionId,
            String reference,
            PspOrderStatus status,
            String statusWireValue,
            Long amountMinor,
            String currency) implements PayResult {
    }
}
