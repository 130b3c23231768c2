package com.merchantpay.reconciliation.tracking;

import com.merchantpay.events.psp.PspStatusQueried;
import com.merchantpay.events.reconciliation.ReconciliationGaveUp;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.useepay.query.QueryResult;
import java.time.Instant;

/**
 * The two events the reconciler publishes. Both ids are deterministic, so a query re-issued after a
 * crash, or a replay, produces the same event again and downstream drops the repeat.
 */
final class ReconciliationEvents {

    /** Status of a finding for an order UseePay does not know (the outcome processor ignores it). */
    static final String NOT_FOUND = "not_found";

    private ReconciliationEvents() {
    }

    static PspStatusQueried finding(TrackedOrder order, int attempt, QueryResult.Found found, Instant at) {
        return base(order, attempt, at)
                .setPspReference(found.reference())
                .setStatus(found.statusWireValue())
                .setErrorCode(found.errorCode())
                .setErrorMessage(found.errorMessage())
                .setAmountMinor(found.amountMinor())
                .setCurrency(found.currency())
                .build();
    }

    static PspStatusQueried notFound(TrackedOrder order, int attempt, QueryResult.NotFound notFound, Instant at) {
        return base(order, attempt, at)
                .setStatus(NOT_FOUND)
                .setErrorCode(notFound.errorCode())
                .setErrorMessage(notFound.errorMessage())
                .build();
    }

    static ReconciliationGaveUp gaveUp(TrackedOrder order, Instant at) {
        // A refund is tracked under its own id; the alert names the order (its key) and the refund apart.
        return ReconciliationGaveUp.newBuilder()
                .setEventId(EventIds.deterministic(order.orderNo(), "reconciliation-gave-up"))
                .setOccurredAt(at)
                .setOrderNo(order.key())
                .setTraceId(order.traceId())
                .setLastStatusSeen(order.lastStatus())
                .setQueriesMade(order.attemptsMade())
                .setExpiresAt(order.expiresAt())
                .setRefundId(order.isRefund() ? order.orderNo() : null)
                .build();
    }

    /** For a refund, orderNo names the refund and originalOrderNo the order, as UseePay's refund notification does. */
    private static PspStatusQueried.Builder base(TrackedOrder order, int attempt, Instant at) {
        return PspStatusQueried.newBuilder()
                .setEventId(EventIds.deterministic(order.orderNo(), "query", String.valueOf(attempt)))
                .setOccurredAt(at)
                .setOrderNo(order.orderNo())
                .setTraceId(order.traceId())
                .setAttempt(attempt)
                .setTransactionType(order.isRefund() ? "refund" : "pay")
                .setOriginalOrderNo(order.refundOf());
    }
}
