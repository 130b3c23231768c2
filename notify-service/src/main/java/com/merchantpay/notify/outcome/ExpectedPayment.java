package com.merchantpay.notify.outcome;

/** What OrderCreated says the order must be paid with: the only amount an outcome may confirm. */
record ExpectedPayment(long amountMinor, String currency, String traceId) {
}
