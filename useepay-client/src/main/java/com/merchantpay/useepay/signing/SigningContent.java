package com.merchantpay.useepay.signing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The exact text UseePay signs: every field except {@code sign}, empty values skipped, keys in
 * ascending byte order, joined as {@code k1=v1&k2=v2} with the raw (not URL-encoded) values.
 * JSON-valued fields are signed as the exact string on the wire.
 */
public final class SigningContent {

    static final String SIGN_FIELD = "sign";

    private SigningContent() {
    }

    public static String of(Map<String, String> fields) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!SIGN_FIELD.equals(field.getKey()) && field.getValue() != null && !field.getValue().isEmpty()) {
                keys.add(field.getKey());
            }
        }
        keys.sort(SigningContent::compareBytes);
        StringBuilder content = new StringBuilder();
        for (String key : keys) {
            if (!content.isEmpty()) {
                content.append('&');
            }
            content.append(key).append('=').append(fields.get(key));
        }
        return content.toString();
    }

    /** Byte order of the UTF-8 encodings, which differs from String.compareTo beyond the BMP. */
    private static int compareBytes(String left, String right) {
        return Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
    }
}
