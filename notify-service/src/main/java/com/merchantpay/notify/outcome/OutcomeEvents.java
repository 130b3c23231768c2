package com.merchantpay.notify.outcome;

import com.merchantpay.events.alert.FindingWithoutOrder;
import com.merchantpay.events.alert.PaymentAmountMismatch;
import com.merchantpay.events.outcome.OrderClosed;
import com.merchantpay.events.outcome.PaymentFailed;
import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.events.outcome.RefundRequired;
import com.merchantpay.schemas.ids.EventIds;
import java.time.Instant;

/**
 * Builds the published events. Every id and timestamp of an outcome derives from the input alone
 * (order number, the deciding finding), so a replay that re-emits an outcome re-emits it identically.
 */
final class OutcomeEvents {

    private OutcomeEvents() {
    }

    /** The one id every outcome of an order carries, whichever kind it is. */
    static String outcomeId(String orderNo) {
        return EventIds.deterministic(orderNo, "outcome");
    }

    static PaymentSucceeded succeeded(String orderNo, ExpectedPayment order, Finding finding) {
        return PaymentSucceeded.newBuilder()
                .setEventId(outcomeId(orderNo))
                .setOccurredAt(Instant.ofEpochMilli(finding.occurredAtMillis()))
                .setOrderNo(orderNo)
                .setTraceId(order.traceId())
                .setPspReference(finding.pspReference())
                .setAmountMinor(order.amountMinor())
                .setCurrency(order.currency())
                .setDecidedBy(finding.source())
                .setFindingEventId(finding.eventId())
                .build();
    }

    static PaymentFailed failed(String orderNo, ExpectedPayment order, Finding finding) {
        return PaymentFailed.newBuilder()
                .setEventId(outcomeId(orderNo))
                .setOccurredAt(Instant.ofEpochMilli(finding.occurredAtMillis()))
                .setOrderNo(orderNo)
                .setTraceId(order.traceId())
                .setPspReference(finding.pspReference())
                .setStatus(finding.status())
                .setErrorCode(finding.errorCode())
                .setErrorMessage(finding.errorMessage())
                .setDecidedBy(finding.source())
                .setFindingEventId(finding.eventId())
                .build();
    }

    static OrderClosed closed(String orderNo, ExpectedPayment order, Finding finding) {
        return OrderClosed.newBuilder()
                .setEventId(outcomeId(orderNo))
                .setOccurredAt(Instant.ofEpochMilli(finding.occurredAtMillis()))
                .setOrderNo(orderNo)
                .setTraceId(order.traceId())
                .setPspReference(finding.pspReference())
                .setErrorCode(finding.errorCode())
                .setDecidedBy(finding.source())
                .setFindingEventId(finding.eventId())
                .build();
    }

    /** Amount: the order's when known, else what UseePay reported (a rejected order has no price of ours). */
    static RefundRequired refundRequired(String orderNo, OrderSettlement settlement, Finding finding, String reason) {
        ExpectedPayment order = settlement.expected();
        long amount = order != null ? order.amountMinor() : orZero(finding.amountMinor());
        String currency = order != null ? order.currency() : orEmpty(finding.currency());
        return RefundRequired.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "refund-required"))
                .setOccurredAt(Instant.ofEpochMilli(finding.occurredAtMillis()))
                .setOrderNo(orderNo)
                .setTraceId(order != null ? order.traceId() : finding.traceId())
                .setPspReference(finding.pspReference())
                .setAmountMinor(amount)
                .setCurrency(currency)
                .setReason(reason)
                .setFindingEventId(finding.eventId())
                .build();
    }

    static PaymentAmountMismatch mismatch(String orderNo, ExpectedPayment order, Finding finding) {
        return PaymentAmountMismatch.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "amount-mismatch", finding.eventId()))
                .setOccurredAt(Instant.ofEpochMilli(finding.occurredAtMillis()))
                .setOrderNo(orderNo)
                .setTraceId(order.traceId())
                .setExpectedAmountMinor(order.amountMinor())
                .setExpectedCurrency(order.currency())
                .setReportedAmountMinor(finding.amountMinor() != null ? finding.amountMinor() : order.amountMinor())
                .setReportedCurrency(finding.currency() != null ? finding.currency() : order.currency())
                .setReportedStatus(finding.status())
                .setFindingEventId(finding.eventId())
                .build();
    }

    static FindingWithoutOrder withoutOrder(String orderNo, OrderSettlement.BufferedFinding waiting, long nowMillis) {
        Finding finding = waiting.finding();
        return FindingWithoutOrder.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "finding-without-order", finding.eventId()))
                .setOccurredAt(Instant.ofEpochMilli(nowMillis))
                .setOrderNo(orderNo)
                .setTraceId(finding.traceId())
                .setReportedStatus(finding.status())
                .setReportedAmountMinor(finding.amountMinor())
                .setReportedCurrency(finding.currency())
                .setFindingEventId(finding.eventId())
                .setWaitedMillis(nowMillis - waiting.bufferedAtMillis())
                .build();
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
