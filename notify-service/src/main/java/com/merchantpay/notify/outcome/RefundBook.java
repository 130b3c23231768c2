package com.merchantpay.notify.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What money came in for an order and what went back, refund by refund: the refund ledger's part of
 * the settlement. A refund's amount counts against what is refundable from its approval on, so two
 * requests racing for the same money cannot both be approved; it is freed again only when the refund fails.
 *
 * @param takenMinor what UseePay took (the order's amount once paid, or what a late payment took)
 * @param currency   the currency it was taken in; null while nothing was taken
 */
record RefundBook(long takenMinor, String currency, List<Refund> refunds) {

    enum State {
        /** Admitted by the ledger; order-service is asking UseePay. */
        APPROVED,
        /** UseePay holds it; its outcome comes as a notification (or a reconciliation query). */
        SUBMITTED,
        SUCCEEDED,
        FAILED,
        /** The ledger turned the request down; remembered so a repeat of it is turned down silently. */
        REFUSED;

        boolean isFinal() {
            return this == SUCCEEDED || this == FAILED || this == REFUSED;
        }

        /** Money that is on its way back, or back. */
        boolean holdsMoney() {
            return this == APPROVED || this == SUBMITTED || this == SUCCEEDED;
        }
    }

    record Refund(String refundId, long amountMinor, State state, String traceId) {
        Refund moveTo(State next) {
            return new Refund(refundId, amountMinor, next, traceId);
        }
    }

    RefundBook {
        refunds = List.copyOf(refunds);
    }

    static RefundBook nothingTaken() {
        return new RefundBook(0, null, List.of());
    }

    RefundBook taken(long amountMinor, String takenCurrency) {
        return new RefundBook(amountMinor, takenCurrency, refunds);
    }

    long refundableMinor() {
        return takenMinor - refunds.stream().filter(refund -> refund.state().holdsMoney()).mapToLong(Refund::amountMinor).sum();
    }

    long refundedMinor() {
        return refunds.stream().filter(refund -> refund.state() == State.SUCCEEDED).mapToLong(Refund::amountMinor).sum();
    }

    Optional<Refund> refund(String refundId) {
        return refunds.stream().filter(refund -> refund.refundId().equals(refundId)).findFirst();
    }

    RefundBook with(Refund changed) {
        List<Refund> next = new ArrayList<>(refunds.stream().filter(refund -> !refund.refundId().equals(changed.refundId())).toList());
        next.add(changed);
        return new RefundBook(takenMinor, currency, next);
    }
}
