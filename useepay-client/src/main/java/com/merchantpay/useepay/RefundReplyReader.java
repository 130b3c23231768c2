package com.merchantpay.useepay;

import com.merchantpay.useepay.refund.RefundRequest;
import com.merchantpay.useepay.refund.RefundResult;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a 200 reply to {@code refund} means, as a pure function of its body. Anything short of a
 * trustworthy, complete answer is {@link RefundResult.Unknown}: calling a refund refused when UseePay
 * holds it would invite a second one.
 */
final class RefundReplyReader {

    private static final Set<String> HELD = Set.of("received", "pending", "succeed");

    private RefundReplyReader() {
    }

    static RefundResult read(String body, RefundRequest sent, SignatureScheme scheme) {
        return switch (SignedReply.check(body, scheme)) {
            case SignedReply.Untrusted untrusted -> new RefundResult.Unknown(untrusted.cause());
            case SignedReply.Trusted trusted -> interpret(trusted.fields(), sent);
        };
    }

    private static RefundResult interpret(Map<String, String> reply, RefundRequest sent) {
        Optional<String> mismatch = mismatch(reply, sent);
        if (mismatch.isPresent()) {
            return new RefundResult.Unknown(mismatch.get());
        }
        String resultCode = reply.get("resultCode");
        if ("failed".equals(resultCode)) {
            return new RefundResult.Rejected(reply.get("errorCode"), reply.get("errorMsg"));
        }
        if (resultCode == null || !HELD.contains(resultCode)) {
            return new RefundResult.Unknown("refund reply resultCode " + WireValues.quoted(resultCode) + " is not understood");
        }
        return new RefundResult.Accepted(sent.transactionId(), reply.get("reference"), resultCode);
    }

    private static Optional<String> mismatch(Map<String, String> reply, RefundRequest sent) {
        if (reply.containsKey("transactionId") && !sent.transactionId().equals(reply.get("transactionId"))) {
            return Optional.of("refund reply names another transactionId");
        }
        if (reply.containsKey("originalTransactionId") && !sent.originalTransactionId().equals(reply.get("originalTransactionId"))) {
            return Optional.of("refund reply names another original order");
        }
        if (reply.containsKey("currency") && !sent.currency().equalsIgnoreCase(reply.get("currency"))) {
            return Optional.of("refund reply currency differs from the request");
        }
        if (reply.containsKey("amount") && !"failed".equals(reply.get("resultCode"))) {
            OptionalLong amount = WireValues.amount(reply.get("amount"));
            if (amount.isEmpty() || amount.getAsLong() != sent.amountMinor()) {
                return Optional.of("refund reply amount differs from the request");
            }
        }
        return Optional.empty();
    }
}
