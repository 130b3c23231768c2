package com.merchantpay.useepay.notification;

import com.merchantpay.useepay.query.PspOrderStatus;
import java.util.Map;

/**
 * A UseePay notification whose signature and merchant number were verified. Amount and currency
 * still have to be checked against the order before the notification means anything.
 *
 * @param fields every field that arrived (unknown ones included), as signed
 */
public record PaymentNotification(
        String merchantNo,
        String transactionId,
        String reference,
        String transactionType,
        String originalTransactionId,
        long amountMinor,
        String currency,
        PspOrderStatus status,
        String statusWireValue,
        String errorCode,
        String errorMessage,
        Map<String, String> fields) {

    public PaymentNotification {
        fields = Map.copyOf(fields);
    }

    public boolean isRefund() {
        return "refund".equals(transactionType);
    }
}
