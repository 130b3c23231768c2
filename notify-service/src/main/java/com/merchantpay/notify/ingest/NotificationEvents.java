package com.merchantpay.notify.ingest;

import com.merchantpay.events.psp.PspNotificationVerified;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.useepay.notification.PaymentNotification;
import com.merchantpay.useepay.signing.SigningContent;
import java.time.Instant;

/** A verified notification as the event the outcome processor reads. */
final class NotificationEvents {

    private NotificationEvents() {
    }

    /**
     * The Kafka key: the order the notification is about. A refund carries its own transactionId but
     * belongs to the order it refunds, so it is keyed (and partitioned) with that order's history.
     */
    static String orderKey(PaymentNotification notification) {
        String original = notification.originalTransactionId();
        return notification.isRefund() && original != null && !original.isEmpty()
                ? original : notification.transactionId();
    }

    /** The id is a digest of everything UseePay signed: the same notification repeated gets the same id. */
    static PspNotificationVerified verified(PaymentNotification notification, String traceId, Instant receivedAt) {
        return PspNotificationVerified.newBuilder()
                .setEventId(EventIds.deterministic("useepay-notification", SigningContent.of(notification.fields())))
                .setOccurredAt(receivedAt)
                .setOrderNo(notification.transactionId())
                .setTraceId(traceId)
                .setMerchantNo(notification.merchantNo())
                .setPspReference(notification.reference())
                .setTransactionType(notification.transactionType())
                .setOriginalOrderNo(notification.isRefund() ? notification.originalTransactionId() : null)
                .setStatus(notification.statusWireValue())
                .setErrorCode(notification.errorCode())
                .setErrorMessage(notification.errorMessage())
                .setAmountMinor(notification.amountMinor())
                .setCurrency(notification.currency())
                .build();
    }
}
