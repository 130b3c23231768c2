package com.merchantpay.notify.support;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.events.order.WxPaymentParameters;
import com.merchantpay.events.psp.PspNotificationVerified;
import com.merchantpay.events.psp.PspStatusQueried;
import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.events.refund.RefundSubmitted;
import com.merchantpay.schemas.ids.EventIds;
import java.time.Instant;
import java.util.UUID;

/** The input events of the outcome processor, as order-service, ingest and reconciliation write them. */
public final class PaymentInputs {

    public static final long AMOUNT = 1_000L;
    public static final String CURRENCY = "HKD";
    public static final String MERCHANT = "500000000000001";

    private PaymentInputs() {
    }

    public static String newOrderNo(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static OrderCreated orderCreated(String orderNo) {
        return OrderCreated.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "OrderCreated"))
                .setOccurredAt(Instant.parse("2026-11-26T10:00:00Z"))
                .setOrderNo(orderNo)
                .setTraceId("trace-" + orderNo)
                .setOpenId("openid-1")
                .setAmountMinor(AMOUNT)
                .setCurrency(CURRENCY)
                .setSubject("Test goods")
                .setMerchantNo(MERCHANT)
                .setPspReference("ref-" + orderNo)
                .setExpiresAt(Instant.parse("2026-11-26T10:20:00Z"))
                .setPayment(WxPaymentParameters.newBuilder().setTimeStamp("1764151200").setNonceStr("n")
                        .setPrepayPackage("prepay_id=1").setSignType("RSA").setPaySign("s").build())
                .build();
    }

    public static OrderRejected orderRejected(String orderNo) {
        return OrderRejected.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "OrderRejected"))
                .setOccurredAt(Instant.parse("2026-11-26T10:00:00Z"))
                .setOrderNo(orderNo)
                .setTraceId("trace-" + orderNo)
                .setReasonCode("PSP_REJECTED")
                .setReasonMessage("refused")
                .build();
    }

    public static PspNotificationVerified notification(String orderNo, String status) {
        return notification(orderNo, status, AMOUNT, CURRENCY);
    }

    public static PspNotificationVerified notification(String orderNo, String status, long amount, String currency) {
        return PspNotificationVerified.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "notification", status, String.valueOf(amount), currency))
                .setOccurredAt(Instant.parse("2026-11-26T10:05:00Z"))
                .setOrderNo(orderNo)
                .setTraceId("notify-trace")
                .setMerchantNo(MERCHANT)
                .setPspReference("ref-" + orderNo)
                .setTransactionType("pay")
                .setStatus(status)
                .setErrorCode("closed".equals(status) ? "3300" : "0000")
                .setAmountMinor(amount)
                .setCurrency(currency)
                .build();
    }

    /** A refund's notification, keyed by the order it refunds (see the README). */
    public static PspNotificationVerified refundNotification(String orderNo) {
        return PspNotificationVerified.newBuilder(notification(orderNo, "succeed"))
                .setEventId(EventIds.deterministic(orderNo, "refund"))
                .setOrderNo("refund-" + orderNo)
                .setTransactionType("refund")
                .setOriginalOrderNo(orderNo)
                .build();
    }

    /** An operator's request (or the system's) for {@code amount} back, under its own refund id. */
    public static RefundRequested refundRequest(String orderNo, String refundId, long amount) {
        return RefundRequested.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "refund-requested", refundId))
                .setOccurredAt(Instant.parse("2026-11-26T11:00:00Z"))
                .setOrderNo(orderNo)
                .setTraceId("refund-trace-" + refundId)
                .setRefundId(refundId)
                .setAmountMinor(amount)
                .setCurrency(CURRENCY)
                .setReason("customer returned the goods")
                .setRequestedBy("operator alice")
                .build();
    }

    /** What order-service says UseePay answered: ACCEPTED, REJECTED or UNKNOWN. */
    public static RefundSubmitted refundSubmitted(String orderNo, String refundId, String answer) {
        return RefundSubmitted.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "refund-submitted", refundId, answer))
                .setOccurredAt(Instant.parse("2026-11-26T11:00:01Z"))
                .setOrderNo(orderNo)
                .setTraceId("refund-trace-" + refundId)
                .setRefundId(refundId)
                .setAnswer(answer)
                .setErrorCode("REJECTED".equals(answer) ? "1001" : null)
                .setErrorMessage("REJECTED".equals(answer) ? "amount exceeds what is left to refund" : null)
                .build();
    }

    /** UseePay's notification about one refund of the order: keyed by the order, its orderNo field is the refund id. */
    public static PspNotificationVerified refundNotification(String orderNo, String refundId, String status, long amount) {
        return PspNotificationVerified.newBuilder(notification(orderNo, status, amount, CURRENCY))
                .setEventId(EventIds.deterministic(orderNo, "refund-notification", refundId, status))
                .setOrderNo(refundId)
                .setTransactionType("refund")
                .setOriginalOrderNo(orderNo)
                .build();
    }

    public static PspStatusQueried query(String orderNo, String status, Long amount, String currency) {
        return PspStatusQueried.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "query", status))
                .setOccurredAt(Instant.parse("2026-11-26T10:06:00Z"))
                .setOrderNo(orderNo)
                .setTraceId("trace-" + orderNo)
                .setPspReference("ref-" + orderNo)
                .setStatus(status)
                .setAmountMinor(amount)
                .setCurrency(currency)
                .setAttempt(1)
                .build();
    }
}
