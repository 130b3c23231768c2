package com.merchantpay.ops.refund;

import tools.jackson.databind.JsonNode;
import com.merchantpay.ops.history.HistoryEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an order's history says about its money: what was taken, what went back, what is on its
 * way back. The operator's view before a refund; notify-service's refund ledger decides for real
 * (it may refuse a request this view let through if another request got there first).
 *
 * @param paidMinor     what UseePay took: the payment, or a payment that arrived after the order closed
 * @param currency      the currency it was taken in; null while nothing was taken
 * @param refunds       every refund asked for, in the order they were asked for
 */
record RefundPosition(long paidMinor, String currency, List<RefundLine> refunds) {

    /** One refund as the topics tell it; {@code state} is the last word about it. */
    record RefundLine(String refundId, long amountMinor, String state, String reason, String requestedBy) {

        boolean holdsMoney() {
            return "APPROVED".equals(state) || "SUCCEEDED".equals(state);
        }
    }

    static RefundPosition of(List<HistoryEntry> history) {
        long paid = 0;
        String currency = null;
        Map<String, RefundLine> refunds = new LinkedHashMap<>();
        for (HistoryEntry entry : history) {
            JsonNode event = entry.event();
            switch (entry.type()) {
                case "PaymentSucceeded", "RefundRequired" -> {
                    // A late payment is money taken too (RefundRequired); an order is paid at most once.
                    if (paid == 0) {
                        paid = event.path("amountMinor").asLong();
                        currency = event.path("currency").asString();
                    }
                }
                case "RefundRequested" -> refunds.putIfAbsent(event.path("refundId").asString(), new RefundLine(
                        event.path("refundId").asString(), event.path("amountMinor").asLong(), "REQUESTED",
                        event.path("reason").asString(), event.path("requestedBy").asString()));
                case "RefundApproved" -> move(refunds, event, "APPROVED");
                case "RefundRefused" -> move(refunds, event, "REFUSED " + event.path("code").asString());
                case "RefundSucceeded" -> move(refunds, event, "SUCCEEDED");
                case "RefundFailed" -> move(refunds, event, "FAILED");
                default -> {
                }
            }
        }
        return new RefundPosition(paid, currency, new ArrayList<>(refunds.values()));
    }

    private static void move(Map<String, RefundLine> refunds, JsonNode event, String state) {
        String refundId = event.path("refundId").asString();
        RefundLine known = refunds.get(refundId);
        long amount = event.path("amountMinor").asLong();
        refunds.put(refundId, known == null
                ? new RefundLine(refundId, amount, state, event.path("reason").asText(""), event.path("requestedBy").asText(""))
                : new RefundLine(refundId, known.amountMinor(), state, known.reason(), known.requestedBy()));
    }

    long refundedMinor() {
        return refunds.stream().filter(refund -> refund.state().equals("SUCCEEDED")).mapToLong(RefundLine::amountMinor).sum();
    }

    /** Approved and not yet final: on its way back. */
    long pendingMinor() {
        return refunds.stream().filter(refund -> refund.state().equals("APPROVED")).mapToLong(RefundLine::amountMinor).sum();
    }

    long refundableMinor() {
        return paidMinor - refunds.stream().filter(RefundLine::holdsMoney).mapToLong(RefundLine::amountMinor).sum();
    }

    Optional<RefundLine> refund(String refundId) {
        return refunds.stream().filter(refund -> refund.refundId().equals(refundId)).findFirst();
    }
}
