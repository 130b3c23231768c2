package com.merchantpay.order.psp;

/**
 * UseePay's answer stayed unknown after every bounded retry (each one resolved through query first).
 * The checkout goes to the dead-letter topic; re-driving it later is safe, since the next attempt
 * again starts from the ledger and a query.
 */
public class PspOutcomeUnknownException extends RuntimeException {

    public PspOutcomeUnknownException(String orderNo, String cause) {
        super("UseePay outcome for order " + orderNo + " is still unknown: " + cause);
    }
}
