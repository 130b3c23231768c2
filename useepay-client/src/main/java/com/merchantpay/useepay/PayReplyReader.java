package com.merchantpay.useepay;

import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import com.merchantpay.useepay.pay.WxPaymentParameters;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a 200 reply to {@code pay} means, as a pure function of its body. Anything short of a
 * trustworthy, complete answer is {@link PayResult.Unknown}, never {@link PayResult.Rejected}:
 * rejecting an order UseePay actually holds would strand a payment.
 */
final class PayReplyReader {

    /** The contract does not say which code a successful create returns; any of these means "awaiting payment". */
    private static final Set<String> AWAITING_PAYMENT = Set.of("received", "pending", "succeed");

    private PayReplyReader() {
    }

    static PayResult read(String body, JsapiPayRequest sent, SignatureScheme scheme) {
        return switch (SignedReply.check(body, scheme)) {
            case SignedReply.Untrusted untrusted -> new PayResult.Unknown(untrusted.cause());
            case SignedReply.Trusted trusted -> interpret(trusted.fields(), sent);
        };
    }

    private static PayResult interpret(Map<String, String> reply, JsapiPayRequest sent) {
        Optional<String> mismatch = mismatch(reply, sent);
        if (mismatch.isPresent()) {
            return new PayResult.Unknown(mismatch.get());
        }
        String resultCode = reply.get("resultCode");
        if ("failed".equals(resultCode)) {
            return new PayResult.Rejected(reply.get("errorCode"), reply.get("errorMsg"));
        }
        if (resultCode == null || !AWAITING_PAYMENT.contains(resultCode)) {
            return new PayResult.Unknown("pay reply resultCode " + WireValues.quoted(resultCode) + " is not understood");
        }
        if (reply.get("redirectParam") == null) {
            return new PayResult.Unknown("pay reply " + resultCode + " without redirectParam");
        }
        return paymentParameters(reply.get("redirectParam"))
                .<PayResult>map(payment -> new PayResult.Accepted(
                        sent.transactionId(), reply.get("reference"), sent.amountMinor(), sent.currency(), resultCode, payment))
                .orElseGet(() -> new PayResult.Unknown("pay reply redirectParam is not complete JSON"));
    }

    /** A signed reply about another order (or another amount) answers nothing we asked. */
    private static Optional<String> mismatch(Map<String, String> reply, JsapiPayRequest sent) {
        if (reply.containsKey("transactionId") && !sent.transactionId().equals(reply.get("transactionId"))) {
            return Optional.of("pay reply names another transactionId");
        }
        if (reply.containsKey("amount")) {
            OptionalLong amount = WireValues.amount(reply.get("amount"));
            if (amount.isEmpty() || amount.getAsLong() != sent.amountMinor()) {
                return Optional.of("pay reply amount differs from the request");
            }
        }
        if (reply.containsKey("currency") && !sent.currency().equals(reply.get("currency"))) {
            return Optional.of("pay reply currency differs from the request");
        }
        return Optional.empty();
    }

    /** {@code redirectParam}; the nonce may be spelled {@code noceStr} (contract), it is always handed on as nonceStr. */
    static Optional<WxPaymentParameters> paymentParameters(String redirectParam) {
        return ReplyFields.parse(redirectParam).flatMap(param -> {
            String nonce = present(param.get("nonceStr")) ? param.get("nonceStr") : param.get("noceStr");
            WxPaymentParameters parameters = new WxPaymentParameters(
                    param.get("appId"), param.get("timeStamp"), nonce,
                    param.get("package"), param.get("signType"), param.get("paySign"));
            return complete(parameters) ? Optional.of(parameters) : Optional.empty();
        });
    }

    private static boolean complete(WxPaymentParameters p) {
        return Stream.of(p.appId(), p.timeStamp(), p.nonceStr(), p.packageValue(), p.signType(), p.paySign())
                .allMatch(PayReplyReader::present);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
