package com.merchantpay.sandbox.useepay;

import com.merchantpay.sandbox.config.UseePayKeys;
import com.merchantpay.sandbox.faults.Fault;
import com.merchantpay.sandbox.faults.FaultSwitchboard;
import com.merchantpay.useepay.signing.SignType;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Signs replies as UseePay would and, when a switch says so, spoils them the ways the contract fears. */
@Component
class ReplyComposer {

    private final UseePayKeys keys;
    private final FaultSwitchboard faults;
    private final JsonMapper json;

    ReplyComposer(UseePayKeys keys, FaultSwitchboard faults, JsonMapper json) {
        this.keys = keys;
        this.faults = faults;
        this.json = json;
    }

    /** A signed JSON reply; an unknown signType falls back to MD5 so even errors are verifiable. */
    ApiReply signed(Map<String, String> fields, String requestedSignType) {
        return new ApiReply(200, json.writeValueAsString(sign(fields, requestedSignType)), Duration.ZERO);
    }

    /** Like {@link #signed} but subject to the operation's reply faults. */
    ApiReply signedWithFaults(Map<String, String> fields, String requestedSignType, Operation operation) {
        Duration stall = faults.fires(operation.timeout) ? faults.settings().stall() : Duration.ZERO;
        if (faults.fires(operation.serverError)) {
            return new ApiReply(500, "{\"status\":500,\"error\":\"Internal Server Error\"}", stall);
        }
        if (faults.fires(operation.unparsable)) {
            return new ApiReply(200, "<html><body>502 Bad Gateway</body></html>{\"resultCode\":", stall);
        }
        Map<String, String> signed = sign(fields, requestedSignType);
        if (faults.fires(operation.badSignature)) {
            signed.put("sign", spoil(signed.get("sign")));
        }
        return new ApiReply(200, json.writeValueAsString(signed), stall);
    }

    Map<String, String> sign(Map<String, String> fields, String requestedSignType) {
        SignatureScheme scheme = keys.forSignType(requestedSignType).orElse(keys.md5());
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.put("signType", scheme.type().name());
        signed.put("sign", scheme.sign(signed));
        return signed;
    }

    /** Same length and alphabet, different value: only verification can tell. */
    private static String spoil(String sign) {
        char first = sign.charAt(0);
        char replacement = first == 'a' ? 'b' : 'a';
        return replacement + sign.substring(1);
    }

    /** The reply faults that belong to each call. */
    enum Operation {
        PAY(Fault.PAY_TIMEOUT, Fault.PAY_SERVER_ERROR, Fault.PAY_UNPARSABLE, Fault.PAY_BAD_SIGNATURE),
        QUERY(Fault.QUERY_TIMEOUT, Fault.QUERY_SERVER_ERROR, Fault.QUERY_UNPARSABLE, Fault.QUERY_BAD_SIGNATURE),
        REFUND(Fault.REFUND_TIMEOUT, Fault.REFUND_SERVER_ERROR, Fault.REFUND_UNPARSABLE, Fault.REFUND_BAD_SIGNATURE);

        final Fault timeout;
        final Fault serverError;
        final Fault unparsable;
        final Fault badSignature;

        Operation(Fault timeout, Fault serverError, Fault unparsable, Fault badSignature) {
            this.timeout = timeout;
            this.serverError = serverError;
            this.unparsable = unparsable;
            this.badSignature = badSignature;
        }
    }

    static boolean isSupported(String signType) {
        return SignType.MD5.name().equals(signType) || SignType.RSA.name().equals(signType);
    }
}
