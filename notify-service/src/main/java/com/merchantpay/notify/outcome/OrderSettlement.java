package com.merchantpay.notify.outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * The state store's value for one order: everything the state machine needs to decide the next
 * finding, and nothing that a replay could not rebuild from the input topics.
 *
 * @param expected         null until OrderCreated arrives
 * @param waiting          findings that arrived before OrderCreated, at most one per status
 * @param refundRequired   RefundRequired was emitted (it is emitted once per order)
 * @param refundsRecorded  refund notifications seen for the order (recorded, never an outcome)
 * @param findingsIgnored  findings that changed nothing (duplicates, closed after succeed, ...)
 * @param mismatchesAlerted ids of findings already alerted as PaymentAmountMismatch, so a replay or
 *                          UseePay's retry of the same wrong notification does not page a human again
 * @param book             the money taken and every refund of it (the refund ledger)
 */
record OrderSettlement(
        SettlementPhase phase,
        ExpectedPayment expected,
        List<BufferedFinding> waiting,
        boolean refundRequired,
        int refundsRecorded,
        int findingsIgnored,
        List<String> mismatchesAlerted,
        RefundBook book) {

    OrderSettlement {
        waiting = List.copyOf(waiting);
        mismatchesAlerted = List.copyOf(mismatchesAlerted);
    }

    static OrderSettlement unknownOrder() {
        return new OrderSettlement(SettlementPhase.AWAITING_ORDER, null, List.of(), false, 0, 0, List.of(), RefundBook.nothingTaken());
    }

    /**
     * A finding that waits for OrderCreated. Later ones with a status already waiting add nothing to
     * the outcome, so they are dropped: the buffer stays a handful of entries however often UseePay retries.
     */
    record BufferedFinding(Finding finding, long bufferedAtMillis, boolean alerted) {
    }

    OrderSettlement moveTo(SettlementPhase next) {
        return new OrderSettlement(next, expected, waiting, refundRequired, refundsRecorded, findingsIgnored, mismatchesAlerted, book);
    }

    OrderSettlement expecting(ExpectedPayment payment) {
        return new OrderSettlement(phase, payment, waiting, refundRequired, refundsRecorded, findingsIgnored, mismatchesAlerted, book);
    }

    OrderSettlement withoutWaiting() {
        return new OrderSettlement(phase, expected, List.of(), refundRequired, refundsRecorded, findingsIgnored, mismatchesAlerted, book);
    }

    OrderSettlement buffering(Finding finding, long nowMillis) {
        if (waiting.stream().anyMatch(buffered -> buffered.finding().status().equals(finding.status()))) {
            return ignoring();
        }
        List<BufferedFinding> more = new ArrayList<>(waiting);
        more.add(new BufferedFinding(finding, nowMillis, false));
        return new OrderSettlement(phase, expected, more, refundRequired, refundsRecorded, findingsIgnored, mismatchesAlerted, book);
    }

    OrderSettlement alertedWaiting() {
        List<BufferedFinding> alerted = waiting.stream()
                .map(buffered -> new BufferedFinding(buffered.finding(), buffered.bufferedAtMillis(), true))
                .toList();
        return new OrderSettlement(phase, expected, alerted, refundRequired, refundsRecorded, findingsIgnored, mismatchesAlerted, book);
    }

    OrderSettlement refundFlagged() {
        return new OrderSettlement(phase, expected, waiting, true, refundsRecorded, findingsIgnored, mismatchesAlerted, book);
    }

    OrderSettlement refundRecorded() {
        return new OrderSettlement(phase, expected, waiting, refundRequired, refundsRecorded + 1, findingsIgnored, mismatchesAlerted, book);
    }

    OrderSettlement mismatchAlerted(String findingEventId) {
        List<String> alerted = new ArrayList<>(mismatchesAlerted);
        alerted.add(findingEventId);
        return new OrderSettlement(phase, expected, waiting, refundRequired, refundsRecorded, findingsIgnored, alerted, book);
    }

    OrderSettlement withBook(RefundBook next) {
        return new OrderSettlement(phase, expected, waiting, refundRequired, refundsRecorded, findingsIgnored, mismatchesAlerted, next);
    }

    OrderSettlement ignoring() {
        return new OrderSettlement(phase, expected, waiting, refundRequired, refundsRecorded, findingsIgnored + 1, mismatchesAlerted, book);
    }

    /** When the oldest finding that has not been alerted yet began to wait; empty when none waits. */
    java.util.OptionalLong oldestUnalertedSince() {
        if (phase != SettlementPhase.AWAITING_ORDER) {
            return java.util.OptionalLong.empty();
        }
        return waiting.stream().filter(buffered -> !buffered.alerted())
                .mapToLong(BufferedFinding::bufferedAtMillis).min();
    }
}
