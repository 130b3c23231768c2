package com.merchantpay.sandbox.useepay;

/** UseePay's refund states (contract, "Refund"): {@code received} until it settles {@code succeed} or {@code failed}. */
public enum RefundStatus {
    RECEIVED("received"),
    SUCCEED("succeed"),
    FAILED("failed");

    private final String wire;

    RefundStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
