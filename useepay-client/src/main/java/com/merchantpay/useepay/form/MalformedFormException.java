package com.merchantpay.useepay.form;

/**
 * An {@code application/x-www-form-urlencoded} body that cannot be read unambiguously. The message
 * names the problem and at most a field name, never a value (values may be signatures or personal data).
 */
public final class MalformedFormException extends IllegalArgumentException {

    MalformedFormException(String message) {
        super(message);
    }
}
