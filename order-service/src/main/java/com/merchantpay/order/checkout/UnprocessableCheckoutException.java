package com.merchantpay.order.checkout;

/** A record on the checkouts topic that can never become a decision; it goes straight to the dead-letter topic. */
public class UnprocessableCheckoutException extends RuntimeException {

    public UnprocessableCheckoutException(String message) {
        super(message);
    }
}
