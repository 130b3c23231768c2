package com.merchantpay.useepay.notification;

import com.merchantpay.useepay.notification.NotificationVerdict.RefusalReason;
import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decides whether a UseePay notification is genuine and ours. The signature covers every field that
 * arrived, unknown ones included (UseePay may add fields at any time), so give it the fields exactly
 * as decoded from the body (see {@link com.merchantpay.useepay.form.UrlEncodedForm#parse}).
 *
 * <p>Checks run in this order: required fields, their shape, sign type, signature, merchant. The
 * merchant is checked only after the signature, because an unsigned message's merchant number
 * tells nothing. Amount and currency must still be matched against the order by the caller.
 */
public final class NotificationVerifier {

    private static final List<String> REQUIRED = List.of(
            "merchantNo", "transactionId", "transactionType", "amount", "currency", "resultCode", "signType", "sign");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,12}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final String merchantNo;
    private final SignatureScheme scheme;

    public NotificationVerifier(String merchantNo, SignatureScheme scheme) {
        if (merchantNo == null || merchantNo.isBlank()) {
            throw new IllegalArgumentException("NotificationVerifier needs our merchantNo");
        }
        this.merchantNo = merchantNo;
        this.scheme = Objects.requireNonNull(scheme, "scheme");
    }

    public NotificationVerdict verify(Map<String, String> formFields) {
        Map<String, String> fields = withoutNulls(formFields);
        if (!REQUIRED.stream().allMatch(name -> !fields.getOrDefault(name, "").isEmpty())) {
            return refused(RefusalReason.MISSING_FIELD);
        }
        if (!AMOUNT.matcher(fields.get("amount")).matches() || !CURRENCY.matcher(fields.get("currency")).matches()) {
            return refused(RefusalReason.MALFORMED_FIELD);
        }
        if (!scheme.type().name().equals(fields.get("signType"))) {
            return refused(RefusalReason.UNSUPPORTED_SIGN_TYPE);
        }
        if (!scheme.verify(fields)) {
            return refused(RefusalReason.BAD_SIGNATURE);
        }
        if (!merchantNo.equals(fields.get("merchantNo"))) {
            return refused(RefusalReason.WRONG_MERCHANT);
        }
        return new NotificationVerdict.Verified(notification(fields));
    }

    private static PaymentNotification notification(Map<String, String> fields) {
        String status = fields.get("resultCode");
        return new PaymentNotification(
                fields.get("merchantNo"),
                fields.get("transactionId"),
                fields.get("reference"),
                fields.get("transactionType"),
                fields.get("originalTransactionId"),
                Long.parseLong(fields.get("amount")),
                fields.get("currency"),
                PspOrderStatus.fromWire(status),
                status,
                fields.get("errorCode"),
                fields.get("errorMsg"),
                fields);
    }

    /** A null value is a field that did not arrive; it is neither signed nor kept. */
    private static Map<String, String> withoutNulls(Map<String, String> formFields) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (formFields != null) {
            formFields.forEach((name, value) -> {
                if (name != null && value != null) {
                    fields.put(name, value);
                }
            });
        }
        return fields;
    }

    private static NotificationVerdict refused(RefusalReason reason) {
        return new NotificationVerdict.Refused(reason);
    }

    @Override
    public String toString() {
        return "NotificationVerifier[merchantNo=" + merchantNo + ", " + scheme + "]";
    }
}
