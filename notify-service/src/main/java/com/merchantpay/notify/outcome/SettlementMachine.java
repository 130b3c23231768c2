package com.merchantpay.notify.outcome;

import static com.merchantpay.notify.outcome.SettlementPhase.AWAITING_ORDER;
import static com.merchantpay.notify.outcome.SettlementPhase.AWAITING_PAYMENT;
import static com.merchantpay.notify.outcome.SettlementPhase.CLOSED;
import static com.merchantpay.notify.outcome.SettlementPhase.FAILED;
import static com.merchantpay.notify.outcome.SettlementPhase.PAID;
import static com.merchantpay.notify.outcome.SettlementPhase.REJECTED;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.outcome.RefundRequired;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole decision, as pure functions of (settlement, input) → (next settlement, events):
 *
 * <pre>
 *  AWAITING_ORDER ──OrderCreated──▶ AWAITING_PAYMENT ──succeed──────────▶ PAID   (PaymentSucceeded)
 *        │  findings wait here,                     ──failed/cancelled─▶ FAILED (PaymentFailed)
 *        │  replayed on arrival                     ──closed───────────▶ CLOSED (OrderClosed)
 *        └──OrderRejected──▶ REJECTED (no outcome)
 *  FAILED | CLOSED | REJECTED ──succeed──▶ same phase + RefundRequired (once)
 *  any phase: amount/currency ≠ order's ▶ PaymentAmountMismatch alert (once per finding), nothing else changes
 *  FAILED | CLOSED | REJECTED ──succeed──▶ … + RefundRequested for the amount taken (the refund ledger decides it)
 *  any phase: a refund's request, submission or finding ▶ {@link RefundLedger}
 *  everything else (duplicates, closed after succeed) ▶ ignored
 * </pre>
 */
final class SettlementMachine {

    record Step(OrderSettlement next, List<Emission> emissions) {

        static Step of(OrderSettlement next, Emission... emissions) {
            return new Step(next, List.of(emissions));
        }
    }

    private SettlementMachine() {
    }

    static Step onOrderCreated(String orderNo, OrderSettlement current, OrderCreated order) {
        if (current.phase() != AWAITING_ORDER) {
            return Step.of(current.ignoring());
        }
        ExpectedPayment expected = new ExpectedPayment(order.getAmountMinor(), order.getCurrency(), order.getTraceId());
        return replayWaiting(orderNo, current, current.expecting(expected).moveTo(AWAITING_PAYMENT));
    }

    static Step onOrderRejected(String orderNo, OrderSettlement current) {
        if (current.phase() != AWAITING_ORDER) {
            return Step.of(current.ignoring());
        }
        return replayWaiting(orderNo, current, current.moveTo(REJECTED));
    }

    static Step onFinding(String orderNo, OrderSettlement current, Finding finding, long nowMillis) {
        if (finding.isRefund()) {
            return RefundLedger.onFinding(orderNo, current, finding);
        }
        if (current.phase() == AWAITING_ORDER) {
            return Step.of(current.buffering(finding, nowMillis));
        }
        return settle(orderNo, current, finding);
    }

    /** Alerts, once each, about findings that waited at least {@code waitMillis} for their order. */
    static Step onWaitChecked(String orderNo, OrderSettlement current, long nowMillis, long waitMillis) {
        if (current.phase() != AWAITING_ORDER) {
            return Step.of(current);
        }
        List<Emission> alerts = current.waiting().stream()
                .filter(waiting -> !waiting.alerted() && nowMillis - waiting.bufferedAtMillis() >= waitMillis)
                .map(waiting -> Emission.alert(OutcomeEvents.withoutOrder(orderNo, waiting, nowMillis)))
                .toList();
        return alerts.isEmpty() ? Step.of(current) : new Step(current.alertedWaiting(), alerts);
    }

    private static Step settle(String orderNo, OrderSettlement current, Finding finding) {
        if (current.expected() != null && finding.contradicts(current.expected())) {
            return current.mismatchesAlerted().contains(finding.eventId())
                    ? Step.of(current.ignoring())
                    : Step.of(current.mismatchAlerted(finding.eventId()),
                            Emission.alert(OutcomeEvents.mismatch(orderNo, current.expected(), finding)));
        }
        return switch (current.phase()) {
            case AWAITING_PAYMENT -> decide(orderNo, current, finding);
            case FAILED, CLOSED, REJECTED -> finding.isSucceed() && !current.refundRequired()
                    ? paidAfterItEnded(orderNo, current, finding)
                    : Step.of(current.ignoring());
            case PAID, AWAITING_ORDER -> Step.of(current.ignoring());
        };
    }

    /** Money taken for an order that will never ship: the outcome says so, and the system asks for it back. */
    private static Step paidAfterItEnded(String orderNo, OrderSettlement current, Finding finding) {
        RefundRequired required = OutcomeEvents.refundRequired(orderNo, current, finding, "PAID_AFTER_" + current.phase());
        OrderSettlement flagged = current.refundFlagged().withBook(current.book().taken(required.getAmountMinor(), required.getCurrency()));
        return Step.of(flagged, Emission.outcome(required), Emission.refundRequest(RefundEvents.automaticRequest(required)));
    }

    private static Step decide(String orderNo, OrderSettlement current, Finding finding) {
        ExpectedPayment order = current.expected();
        if (finding.isSucceed()) {
            OrderSettlement paid = current.moveTo(PAID).withBook(current.book().taken(order.amountMinor(), order.currency()));
            return Step.of(paid, Emission.outcome(OutcomeEvents.succeeded(orderNo, order, finding)));
        }
        if (finding.isFailure()) {
            return Step.of(current.moveTo(FAILED), Emission.outcome(OutcomeEvents.failed(orderNo, order, finding)));
        }
        if (finding.isClosed()) {
            return Step.of(current.moveTo(CLOSED), Emission.outcome(OutcomeEvents.closed(orderNo, order, finding)));
        }
        return Step.of(current.ignoring());
    }

    /** The findings that waited for the order are decided now, in the order they arrived. */
    private static Step replayWaiting(String orderNo, OrderSettlement before, OrderSettlement placed) {
        OrderSettlement state = placed.withoutWaiting();
        List<Emission> emissions = new ArrayList<>();
        for (OrderSettlement.BufferedFinding waiting : before.waiting()) {
            Step step = settle(orderNo, state, waiting.finding());
            state = step.next();
            emissions.addAll(step.emissions());
        }
        return new Step(state, emissions);
    }
}
