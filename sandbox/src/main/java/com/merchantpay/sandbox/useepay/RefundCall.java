package com.merchantpay.sandbox.useepay;

import java.util.Set;

/** A {@code refund} request that passed the field rules. */
record RefundCall(
        String transactionId,
        String originalTransactionId,
        long amountMinor,
        String currency,
        String notifyUrl,
        String echoParam) {

    static RefundCall read(ApiFields request, Set<String> currencies) {
        return new RefundCall(
                request.identifier("transactionId"),
                request.identifier("originalTransactionId"),
                request.amount(),
                request.currency(currencies),
                request.httpUrl("notifyUrl"),
                request.optional("echoParam", 512).orElse(null));
    }
}
