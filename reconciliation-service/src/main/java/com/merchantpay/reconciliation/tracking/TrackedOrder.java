package com.merchantpay.reconciliation.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * One order as the reconciler holds it in its state store (changelogged, so a restart or a
 * rebalance resumes exactly here).
 *
 * @param expiresAt       when UseePay closes it, on UseePay's (possibly time-scaled) clock
 * @param phase           see {@link Phase}
 * @param dueAt           WAITING: when the next query is due; QUERYING: when it was handed out;
 *                        ENDED: when the marker may be forgotten
 * @param attemptsMade    answered queries; the next one is attempt {@code attemptsMade + 1}
 * @param lastQueryAt     when the last answered query was answered, null before the first
 * @param lastStatus      the last status UseePay gave, by query or notification ({@code not_found} too)
 * @param finalStatusSeen a final status was seen (or the order closed): only the expiry check is left
 * @param unanswered      queries in a row that got no answer (timeouts, 5xx): drives the backoff
 * @param incarnation     QUERYING: which tracker instance handed the query out
 * @param endedBy         ENDED: why (the outcome's type, {@code GAVE_UP}, {@code HANDED_OVER})
 * @param refundOf        null for an order; for a refund (tracked under its own id) the order it refunds,
 *                        which is the Kafka key of everything published about it
 */
public record TrackedOrder(
        String orderNo,
        String traceId,
        Instant createdAt,
        Instant expiresAt,
        Phase phase,
        Instant dueAt,
        int attemptsMade,
        Instant lastQueryAt,
        String lastStatus,
        boolean finalStatusSeen,
        int unanswered,
        String incarnation,
        String endedBy,
        String refundOf) {

    /**
     * WAITING for the next query; QUERYING while one is out; ENDED once an outcome came, the
     * reconciler gave up, or the schedule finished after a final status. An ENDED order stays as a
     * small marker for a while so that a replayed {@code OrderCreated} does not start it again.
     */
    public enum Phase { WAITING, QUERYING, ENDED }

    public TrackedOrder {
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    static TrackedOrder waiting(String orderNo, String traceId, Instant createdAt, Instant expiresAt, Instant dueAt) {
        return new TrackedOrder(orderNo, traceId, createdAt, expiresAt, Phase.WAITING, dueAt, 0, null, null,
                false, 0, null, null, null);
    }

    /** A marker for an order that ended before (or without) being tracked. */
    static TrackedOrder endedMarker(String orderNo, String endedBy, Instant forgetAt) {
        return new TrackedOrder(orderNo, null, null, null, Phase.ENDED, forgetAt, 0, null, null, false, 0, null, endedBy, null);
    }

    /** A refund of {@code orderNo}, tracked under its own {@code refundId} until its outcome comes. */
    static TrackedOrder refund(String refundId, String orderNo, String traceId, Instant approvedAt, Instant settleBy, Instant dueAt) {
        return new TrackedOrder(refundId, traceId, approvedAt, settleBy, Phase.WAITING, dueAt, 0, null, null,
                false, 0, null, null, orderNo);
    }

    boolean isRefund() {
        return refundOf != null;
    }

    /** The Kafka key of what is published about it: the order's number. */
    String key() {
        return isRefund() ? refundOf : orderNo;
    }

    boolean isOpen() {
        return phase != Phase.ENDED;
    }

    int nextAttempt() {
        return attemptsMade + 1;
    }

    TrackedOrder waitUntil(Instant due) {
        return new TrackedOrder(orderNo, traceId, createdAt, expiresAt, Phase.WAITING, due, attemptsMade, lastQueryAt,
                lastStatus, finalStatusSeen, unanswered, null, endedBy, refundOf);
    }

    TrackedOrder querying(String by, Instant handedOutAt) {
        return new TrackedOrder(orderNo, traceId, createdAt, expiresAt, Phase.QUERYING, handedOutAt, attemptsMade,
                lastQueryAt, lastStatus, finalStatusSeen, unanswered, by, endedBy, refundOf);
    }

    TrackedOrder answered(String status, boolean isFinal, Instant at) {
        return new TrackedOrder(orderNo, traceId, createdAt, expiresAt, phase, dueAt, attemptsMade + 1, at, status,
                finalStatusSeen || isFinal, 0, incarnation, endedBy, refundOf);
    }

    TrackedOrder unansweredOnceMore() {
        return new TrackedOrder(orderNo, traceId, createdAt, expiresAt, phase, dueAt, attemptsMade, lastQueryAt,
                lastStatus, finalStatusSeen, unanswered + 1, incarnation, endedBy, refundOf);
    }

    TrackedOrder statusSeen(String status, boolean isFinal) {
        return new TrackedOrder(orderNo, traceId, createdAt, expiresAt, phase, dueAt, attemptsMade, lastQueryAt, status,
                finalStatusSeen || isFinal, unanswered, incarnation, endedBy, refundOf);
    }

    TrackedOrder ended(String by, Instant forgetAt) {
        return new TrackedOrder(orderNo, traceId, createdAt, expiresAt, Phase.ENDED, forgetAt, attemptsMade, lastQueryAt,
                lastStatus, finalStatusSeen, unanswered, null, by, refundOf);
    }
}
