package com.merchantpay.notify.outcome;

import com.merchantpay.events.outcome.RefundRequired;
import com.merchantpay.events.refund.RefundApproved;
import com.merchantpay.events.refund.RefundFailed;
import com.merchantpay.events.refund.RefundRefused;
import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.events.refund.RefundSucceeded;
import com.merchantpay.schemas.ids.EventIds;
import java.time.Instant;

/**
 * Builds the refund workflow's events. Ids derive from the order and the refund alone, so a replay
 * that re-emits one re-emits it identically; a refund's outcome has one id whichever way it ends.
 */
final class RefundEvents {

    /** Why the system asks for money back on its own: a payment arrived for an order that will never ship. */
    static final String AUTOMATIC_REQUESTER = "notify-service";

    private RefundEvents() {
    }

    static String outcomeId(String orderNo, String refundId) {
        return EventIds.deterministic(orderNo, "refund-outcome", refundId);
    }

    /** The request that follows a RefundRequired: the whole amount taken, under a refund id the order alone determines. */
    static RefundRequested automaticRequest(RefundRequired required) {
        String refundId = EventIds.refundId(required.getOrderNo(), required.getReason());
        return RefundRequested.newBuilder()
                .setEventId(EventIds.deterministic(required.getOrderNo(), "refund-requested", refundId))
                .setOccurredAt(required.getOccurredAt())
                .setOrderNo(required.getOrderNo())
                .setTraceId(required.getTraceId())
                .setRefundId(refundId)
                .setAmountMinor(required.getAmountMinor())
                .setCurrency(required.getCurrency())
                .setReason(required.getReason())
                .setRequestedBy(AUTOMATIC_REQUESTER)
                .build();
    }

    static RefundApproved approved(String orderNo, RefundRequested request, RefundBook after) {
        return RefundApproved.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "refund-approved", request.getRefundId()))
                .setOccurredAt(request.getOccurredAt())
                .setOrderNo(orderNo)
                .setTraceId(request.getTraceId())
                .setRefundId(request.getRefundId())
                .setAmountMinor(request.getAmountMinor())
                .setCurrency(request.getCurrency())
                .setPaidMinor(after.takenMinor())
                .setRefundableAfterMinor(after.refundableMinor())
                .setReason(request.getReason())
                .setRequestedBy(request.getRequestedBy())
                .build();
    }

    static RefundRefused refused(String orderNo, RefundRequested request, String code, long refundableMinor) {
        return RefundRefused.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "refund-refused", request.getRefundId()))
                .setOccurredAt(request.getOccurredAt())
                .setOrderNo(orderNo)
                .setTraceId(request.getTraceId())
                .setRefundId(request.getRefundId())
                .setAmountMinor(request.getAmountMinor())
                .setCurrency(request.getCurrency())
                .setCode(code)
                .setMessage(switch (code) {
                    case RefundLedger.NOT_PAID -> "the order took no money (or is older than what notify-service remembers)";
                    case RefundLedger.CURRENCY_MISMATCH -> "the order was paid in another currency";
                    case RefundLedger.INVALID_AMOUNT -> "a refund amount must be positive";
                    default -> "only " + refundableMinor + " minor units are left to refund";
                })
                .setRefundableMinor(Math.max(0, refundableMinor))
                .build();
    }

    static RefundSucceeded succeeded(String orderNo, RefundBook.Refund refund, RefundBook after, Finding finding) {
        return RefundSucceeded.newBuilder()
                .setEventId(outcomeId(orderNo, refund.refundId()))
                .setOccurredAt(Instant.ofEpochMilli(finding.occurredAtMillis()))
                .setOrderNo(orderNo)
                .setTraceId(refund.traceId())
                .setRefundId(refund.refundId())
                .setAmountMinor(refund.amountMinor())
                .setCurrency(after.currency())
                .setRefundedTotalMinor(after.refundedMinor())
                .setPaidMinor(after.takenMinor())
                .setDecidedBy(finding.source())
                .setFindingEventId(finding.eventId())
                .build();
    }

    static RefundFailed failed(String orderNo, RefundBook.Refund refund, String currency, String errorCode, String reason,
                               long atMillis) {
        return RefundFailed.newBuilder()
                .setEventId(outcomeId(orderNo, refund.refundId()))
                .setOccurredAt(Instant.ofEpochMilli(atMillis))
                .setOrderNo(orderNo)
                .setTraceId(refund.traceId())
                .setRefundId(refund.refundId())
                .setAmountMinor(refund.amountMinor())
                .setCurrency(currency == null ? "" : currency)
                .setErrorCode(errorCode)
                .setReason(reason)
                .build();
    }
}
