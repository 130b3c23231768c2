package com.merchantpay.useepay.query;

/**
 * An order's status ({@code resultCode} inside {@code transactionInfo}, or of a notification).
 * Values this project does not expect (card-only ones such as {@code gather}) map to
 * {@link #UNRECOGNISED} instead of failing; the wire text is kept by the caller.
 */
public enum PspOrderStatus {
    RECEIVED("received", false),
    PENDING("pending", false),
    SUCCEED("succeed", true),
    FAILED("failed", true),
    CANCELLED("cancelled", true),
    CLOSED("closed", true),
    UNRECOGNISED("", false);

    private final String wireValue;
    private final boolean isFinal;

    PspOrderStatus(String wireValue, boolean isFinal) {
        this.wireValue = wireValue;
        this.isFinal = isFinal;
    }

    public String wireValue() {
        return wireValue;
    }

    public boolean isFinal() {
        return isFinal;
    }

    public static PspOrderStatus fromWire(String value) {
        for (PspOrderStatus status : values()) {
            if (status != UNRECOGNISED && status.wireValue.equals(value)) {
                return status;
            }
        }
        return UNRECOGNISED;
    }
}
