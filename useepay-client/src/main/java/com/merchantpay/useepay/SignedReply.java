package com.merchantpay.useepay;

import com.merchantpay.useepay.signing.SignatureScheme;
import java.util.Map;
import java.util.Optional;

/** The first step with any reply: nothing in it means anything until it parses and its signature holds. */
sealed interface SignedReply {

    record Trusted(Map<String, String> fields) implements SignedReply {
    }

    record Untrusted(String cause) implements SignedReply {
    }

    static SignedReply check(String body, SignatureScheme scheme) {
        Optional<Map<String, String>> parsed = ReplyFields.parse(body);
        if (parsed.isEmpty()) {
            return new Untrusted("reply is not a single JSON object");
        }
        Map<String, String> fields = parsed.get();
        if (!scheme.type().name().equals(fields.get("signType"))) {
            return new Untrusted("reply signType " + WireValues.quoted(fields.get("signType"))
                    + " is not " + scheme.type());
        }
        if (!scheme.verify(fields)) {
            return new Untrusted("reply signature is missing or invalid");
        }
        return new Trusted(fields);
    }
}
