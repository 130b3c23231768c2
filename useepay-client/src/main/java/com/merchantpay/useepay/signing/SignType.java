package com.merchantpay.useepay.signing;

/** UseePay's {@code signType} values. */
public enum SignType {
    MD5,
    RSA;

    /** Reads the wire value; anything else is not a signature this project accepts. */
    public static SignType fromWire(String value) {
        for (SignType type : values()) {
            if (type.name().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unsupported signType");
    }
}
