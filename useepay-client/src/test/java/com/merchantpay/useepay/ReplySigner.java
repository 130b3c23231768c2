package com.merchantpay.useepay;

import com.merchantpay.useepay.signing.Md5SignatureScheme;
import com.merchantpay.useepay.signing.MerchantKey;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays UseePay's side for reply tests: signs a literal JSON reply the way the contract says, with
 * a plain Jackson tree (independent of the reader under test), and appends the {@code sign} field.
 */
final class ReplySigner {

    static final String MERCHANT_NO = "500000000000001";
    static final Md5SignatureScheme MD5 = new Md5SignatureScheme(new MerchantKey("TESTKEY123"));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReplySigner() {
    }

    /** {@code json} without a sign field, returned with the right one appended. */
    static String signed(String json) {
        return signed(json, MD5);
    }

    static String signed(String json, SignatureScheme scheme) {
        return withSign(json, scheme.sign(topLevelFields(json)));
    }

    static String withSign(String json, String sign) {
        String trimmed = json.strip();
        return trimmed.substring(0, trimmed.length() - 1) + ",\"sign\":\"" + sign + "\"}";
    }

    /** {@code "redirectParam": <this>} needs the JSON text as a JSON string literal. */
    static String jsonString(String jsonText) {
        return JSON.writeValueAsString(jsonText);
    }

    private static Map<String, String> topLevelFields(String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : JSON.readTree(json).properties()) {
            if (!field.getValue().isNull()) {
                fields.put(field.getKey(), field.getValue().isValueNode()
                        ? field.getValue().asString() : field.getValue().toString());
            }
        }
        return fields;
    }
}
