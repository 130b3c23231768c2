package com.merchantpay.useepay;

import java.util.concurrent.TimeoutException;

/** Names why a call produced no reply, for an {@code Unknown} cause: the kind of failure, no payload. */
final class TransportFailure {

    private TransportFailure() {
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (failure instanceof TimeoutException) {
            return "no reply from UseePay within the call deadline";
        }
        return "no reply from UseePay: " + root.getClass().getSimpleName();
    }
}
