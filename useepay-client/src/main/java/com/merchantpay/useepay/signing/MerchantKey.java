package com.merchantpay.useepay.signing;

import java.util.Objects;

/**
 * The merchant's MD5 key ({@code pkey}). Never printed: {@code toString} hides it, so it cannot
 * leak through a log line, an exception message or a configuration dump.
 */
public final class MerchantKey {

    private final String value;

    public MerchantKey(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the UseePay merchant key is missing");
        }
        this.value = value;
    }

    String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MerchantKey key && Objects.equals(value, key.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "MerchantKey[***]";
    }
}
