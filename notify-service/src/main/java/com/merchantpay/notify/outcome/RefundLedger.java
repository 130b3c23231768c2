package com.merchantpay.notify.outcome;

import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.events.refund.RefundSubmitted;
import com.merchantpay.notify.outcome.RefundBook.Refund;
import com.merchantpay.notify.outcome.RefundBook.State;
import com.merchantpay.notify.outcome.SettlementMachine.Step;

/**
 * Refunds, as pure functions of (settlement, input) → (next settlement, events). The invariant: the
 * money approved for refunds never exceeds what was taken, whatever arrives twice, because every
 * request is decided once against the order's book and a refund counts from its approval on.
 *
 * <pre>
 *  RefundRequested ──paid, fits──▶ APPROVED (RefundApproved → order-service asks UseePay)
 *                  ──otherwise────▶ REFUSED  (RefundRefused)
 *  RefundSubmitted ──ACCEPTED─────▶ SUBMITTED
 *                  ──REJECTED─────▶ FAILED   (RefundFailed; the amount is refundable again)
 *                  ──UNKNOWN──────▶ unchanged (reconciliation asks UseePay)
 *  refund finding  ──succeed──────▶ SUCCEEDED (RefundSucceeded)
 *                  ──failed───────▶ FAILED    (RefundFailed)
 *  anything about a refund already final, or a refund id asked for twice ▶ ignored
 * </pre>
 */
final class RefundLedger {

    static final String NOT_PAID = "NOT_PAID";
    static final String EXCEEDS_REFUNDABLE = "EXCEEDS_REFUNDABLE";
    static final String CURRENCY_MISMATCH = "CURRENCY_MISMATCH";
    static final String INVALID_AMOUNT = "INVALID_AMOUNT";

    private RefundLedger() {
    }

    static Step onRequested(String orderNo, OrderSettlement current, RefundRequested request) {
        RefundBook book = current.book();
        if (book.refund(request.getRefundId()).isPresent()) {
            return Step.of(current.ignoring());
        }
        String refusal = refusal(book, request);
        if (refusal != null) {
            Refund refused = new Refund(request.getRefundId(), request.getAmountMinor(), State.REFUSED, request.getTraceId());
            return Step.of(current.withBook(book.with(refused)),
                    Emission.refund(RefundEvents.refused(orderNo, request, refusal, book.refundableMinor())));
        }
        RefundBook approved = book.with(new Refund(request.getRefundId(), request.getAmountMinor(), State.APPROVED, request.getTraceId()));
        return Step.of(current.withBook(approved), Emission.refund(RefundEvents.approved(orderNo, request, approved)));
    }

    static Step onSubmitted(String orderNo, OrderSettlement current, RefundSubmitted submitted) {
        Refund refund = current.book().refund(submitted.getRefundId()).orElse(null);
        if (refund == null || refund.state() != State.APPROVED) {
            return Step.of(current.ignoring());
        }
        return switch (submitted.getAnswer()) {
            case "ACCEPTED" -> Step.of(current.withBook(current.book().with(refund.moveTo(State.SUBMITTED))));
            case "REJECTED" -> failed(orderNo, current, refund, submitted.getErrorCode(),
                    "UseePay refused the refund: " + submitted.getErrorMessage(), submitted.getOccurredAt().toEpochMilli());
            default -> Step.of(current);
        };
    }

    /** A notification or query about a refund of this order; its subject is the refund's id. */
    static Step onFinding(String orderNo, OrderSettlement current, Finding finding) {
        Refund refund = current.book().refund(finding.subjectId()).orElse(null);
        if (refund == null || refund.state().isFinal() || refund.state() == State.REFUSED
                || (finding.amountMinor() != null && finding.amountMinor() != refund.amountMinor())) {
            return Step.of(current.refundRecorded().ignoring());
        }
        if (finding.isSucceed()) {
            RefundBook book = current.book().with(refund.moveTo(State.SUCCEEDED));
            return Step.of(current.refundRecorded().withBook(book),
                    Emission.outcome(RefundEvents.succeeded(orderNo, refund, book, finding)));
        }
        if (finding.isFailure() || "closed".equals(finding.status())) {
            return failed(orderNo, current.refundRecorded(), refund, finding.errorCode(),
                    "UseePay reports the refund " + finding.status(), finding.occurredAtMillis());
        }
        return Step.of(current.refundRecorded());
    }

    private static Step failed(String orderNo, OrderSettlement current, Refund refund, String errorCode, String reason,
                               long atMillis) {
        RefundBook book = current.book().with(refund.moveTo(State.FAILED));
        return Step.of(current.withBook(book),
                Emission.outcome(RefundEvents.failed(orderNo, refund, current.book().currency(), errorCode, reason, atMillis)));
    }

    private static String refusal(RefundBook book, RefundRequested request) {
        if (book.takenMinor() <= 0) {
            return NOT_PAID;
        }
        if (request.getAmountMinor() <= 0) {
            return INVALID_AMOUNT;
        }
        if (!request.getCurrency().equals(book.currency())) {
            return CURRENCY_MISMATCH;
        }
        return request.getAmountMinor() > book.refundableMinor() ? EXCEEDS_REFUNDABLE : null;
    }
}
