package com.merchantpay.sandbox.useepay;

/**
 * A request UseePay refuses with {@code failed}/{@code 1001}. Carries only a message meant for the
 * caller; no stack trace is captured because it is an answer, not a fault.
 */
public final class InvalidParameter extends RuntimeException {

    public static final String CODE = "1001";

    public InvalidParameter(String message) {
        super(message, null, false, false);
    }
}
