package com.merchantpay.useepay.pay;

/**
 * How a {@code pay} call ended. Callers must handle all three; {@link Unknown} is never a failure:
 * the order may exist at UseePay, so resolve it with a query before anything else.
 */
public sealed interface PayResult {

    /** UseePay holds the order and it awaits payment. */
    record Accepted(
            String transactionId,
            String reference,
            long amountMinor,
            String currency,
            String resultCode,
            WxPaymentParameters payment) implements PayResult {
    }

    /** UseePay definitely refused the order ({@code failed}, with its code and message). */
    record Rejected(String errorCode, String errorMessage) implements PayResult {
    }

    /** No trustworthy answer: timeout, connection error, non-200, unparsable or badly signed reply. */
    record Unknown(String cause) implements PayResult {
    }
}
