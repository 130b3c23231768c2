package com.merchantpay.useepay.signing;

import java.util.Map;

/**
 * Signs and verifies UseePay messages (requests, replies and notifications alike) over whatever
 * fields they carry, unknown fields included.
 */
public sealed interface SignatureScheme permits Md5SignatureScheme, RsaSignatureScheme {

    SignType type();

    /** The {@code sign} value for these fields; {@code signType} must already be among them. */
    String sign(Map<String, String> fields);

    /** Whether {@code fields} carry a valid {@code sign}; compared in constant time. */
    boolean verify(Map<String, String> fields);
}
