package com.merchantpay.sandbox.useepay;

/** The order states this sandbox produces; {@code received} is the only one that can still change. */
public enum OrderStatus {
    RECEIVED("received"),
    SUCCEED("succeed"),
    FAILED("failed"),
    CLOSED("closed");

    private final String wire;

    OrderStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
