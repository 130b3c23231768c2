package com.merchantpay.useepay;

import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.refund.RefundRequest;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The signed form fields of the calls this client makes. JSON-valued fields are rendered once and
 * that very text is both signed and sent, so the signature cannot drift from the wire.
 */
final class OutgoingForms {

    static final String VERSION = "1.0";

    private OutgoingForms() {
    }

    static Map<String, String> pay(JsapiPayRequest request, UseePaySettings settings, SignatureScheme scheme) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", VERSION);
        fields.put("transactionType", "pay");
        fields.put("merchantNo", settings.merchantNo());
        fields.put("transactionId", request.transactionId());
        fields.put("appId", settings.appDomain());
        fields.put("amount", Long.toString(request.amountMinor()));
        fields.put("currency", request.currency());
        fields.put("notifyUrl", settings.notifyUrl().toString());
        fields.put("transactionExpirationTime", Long.toString(request.expiry().toMinutes()));
        fields.put("payerInfo", json(ReplyFields.JSON.createObjectNode()
                .put("paymentMethod", "wechat_jsapi")
                .put("sub_appid", request.subAppId())
                .put("sub_openid", request.subOpenId())));
        fields.put("orderInfo", json(ReplyFields.JSON.createObjectNode().put("subject", request.subject())));
        if (request.payerIp() != null) {
            fields.put("userInfo", json(ReplyFields.JSON.createObjectNode().put("ip", request.payerIp())));
        }
        return signed(fields, scheme);
    }

    static Map<String, String> query(OrderLookup lookup, UseePaySettings settings, SignatureScheme scheme) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", VERSION);
        fields.put("merchantNo", settings.merchantNo());
        fields.put("transactionType", "query");
        fields.put(lookup.field(), lookup.value());
        return signed(fields, scheme);
    }

    static Map<String, String> refund(RefundRequest request, UseePaySettings settings, SignatureScheme scheme) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", VERSION);
        fields.put("transactionType", "refund");
        fields.put("merchantNo", settings.merchantNo());
        fields.put("transactionId", request.transactionId());
        fields.put("originalTransactionId", request.originalTransactionId());
        fields.put("amount", Long.toString(request.amountMinor()));
        fields.put("currency", request.currency());
        fields.put("notifyUrl", settings.notifyUrl().toString());
        return signed(fields, scheme);
    }

    private static Map<String, String> signed(Map<String, String> fields, SignatureScheme scheme) {
        fields.put("signType", scheme.type().name());
        fields.put("sign", scheme.sign(fields));
        return fields;
    }

    private static String json(ObjectNode node) {
        return ReplyFields.JSON.writeValueAsString(node);
    }
}
