package com.merchantpay.e2e.chaos;

import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.testsupport.SandboxAdmin.Counters;
import com.merchantpay.testsupport.SandboxAdmin.PspOrder;
import com.merchantpay.testsupport.SandboxAdmin.PspRefund;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Refunds, order by order, UseePay's records (the sandbox's refunds and counters) against what the
 * workflow wrote: never more back than was taken, each refund made at most once and told exactly
 * once, nothing refunded that the ledger refused, and every payment that landed after its order
 * closed given back in full, once. Records the replay copied ({@code replay-id}) are told apart.
 */
final class RefundVerdict {

    /** Who asks for the refund of a payment that landed after its order ended (notify-service's outcome processor). */
    static final String AUTOMATIC_REQUESTER = "notify-service";
    /** UseePay holds the money of a refund in these states; {@code failed} gave it back to the order. */
    private static final Set<String> MADE = Set.of("received", "succeed");

    /**
     * Every refund figure the summary prints.
     *
     * @param requested           refund ids asked for (services and operator; replay copies not counted)
     * @param repeatedRequests    request records beyond the first of their refund id, replay copies not counted
     * @param madeAtUseePay       refunds the sandbox holds for the run's orders
     * @param paidAfterClose      orders UseePay says paid that the user did not pay: the payment landed after the close
     * @param paidAfterCloseSettledAsPaid of those, orders whose close the workflow never heard of (its notification
     *                            lost, the next word was {@code succeed}): paid, nothing to give back
     * @param refundedMinor       what UseePay gave back ({@code succeed} refunds), all orders together
     */
    record Figures(int requested, int requestedByOperators, int requestedAutomatically, int repeatedRequests,
                   int approved, int refused, int madeAtUseePay, int madeForOperators, int succeededAtUseePay,
                   int failedAtUseePay, int refundSucceededOutcomes, int refundFailedOutcomes, int refundOutcomeCopies,
                   int paidAfterClose, int paidAfterCloseRefunded, int paidAfterCloseSettledAsPaid, long refundedMinor) {
    }

    private final Map<String, PspOrder> pspOrders;
    private final Map<String, Counters> counters;
    private final Map<String, List<PspRefund>> refundsAtUseePay;
    private final Map<String, List<OrderEvent>> outcomes;
    private final Map<String, List<OrderEvent>> ledger;
    private final Map<String, List<OrderEvent>> requests;
    private final Set<String> paidAfterClose;
    private final OperatorRefunds.Report operator;
    private final List<String> violations = new ArrayList<>();

    /**
     * @param refunds        every refund the sandbox holds (only those of {@code ours} are judged)
     * @param ledgerTopic    {@code payments.refunds.v1}: the ledger's decisions and order-service's submissions
     * @param requestTopic   {@code payments.refund-requests.v1}
     * @param paidAfterClose orders UseePay says paid that the traffic did not pay
     */
    RefundVerdict(Set<String> ours, Map<String, PspOrder> pspOrders, Map<String, Counters> counters, List<PspRefund> refunds,
                  List<OrderEvent> outcomeTopic, List<OrderEvent> ledgerTopic, List<OrderEvent> requestTopic,
                  Set<String> paidAfterClose, OperatorRefunds.Report operator) {
        this.pspOrders = pspOrders;
        this.counters = counters;
        this.refundsAtUseePay = refunds.stream().filter(refund -> ours.contains(refund.orderNo()))
                .collect(Collectors.groupingBy(PspRefund::orderNo));
        this.outcomes = byOrder(outcomeTopic, ours);
        this.ledger = byOrder(ledgerTopic, ours);
        this.requests = byOrder(requestTopic, ours);
        this.paidAfterClose = paidAfterClose;
        this.operator = operator;
        Set<String> judged = new TreeSet<>(ours);
        judged.retainAll(union(refundsAtUseePay.keySet(), outcomes.keySet(), ledger.keySet(), requests.keySet(), paidAfterClose));
        judged.forEach(this::judge);
        judgeOperatorsCases();
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    private void judge(String orderNo) {
        PspOrder psp = pspOrders.get(orderNo);
        long paid = psp != null && psp.paid() ? psp.amountMinor() : 0;
        List<PspRefund> made = refundsAtUseePay.getOrDefault(orderNo, List.of());
        long refunded = made.stream().filter(refund -> MADE.contains(refund.status())).mapToLong(PspRefund::amountMinor).sum();
        if (refunded > paid) {
            violations.add(orderNo + ": UseePay refunded " + refunded + " of " + paid + " paid " + describe(made));
        }
        if (psp != null && psp.refundedMinor() > psp.amountMinor()) {
            violations.add(orderNo + ": UseePay's order says refunded " + psp.refundedMinor() + " of " + psp.amountMinor());
        }
        Map<String, List<OrderEvent>> decisions = serviceWritten(ledger.get(orderNo)).stream()
                .filter(event -> event.simpleType().equals("RefundApproved") || event.simpleType().equals("RefundRefused"))
                .collect(Collectors.groupingBy(event -> event.text("refundId")));
        long approved = decisions.values().stream().flatMap(List::stream).filter(event -> event.simpleType().equals("RefundApproved"))
                .mapToLong(event -> amount(event)).sum();
        if (approved > paid) {
            violations.add(orderNo + ": the ledger approved " + approved + " of " + paid + " paid " + types(decisions));
        }
        judgeDecisions(orderNo, decisions, made);
        made.forEach(refund -> judgeRefund(orderNo, refund, decisions));
        judgeRefundOutcomes(orderNo, made);
        judgePaidAfterClose(orderNo, psp, made);
    }

    /** Every refund id asked for is decided exactly once; a refused one never reaches UseePay. */
    private void judgeDecisions(String orderNo, Map<String, List<OrderEvent>> decisions, List<PspRefund> made) {
        Set<String> asked = requests.getOrDefault(orderNo, List.of()).stream().map(event -> event.text("refundId"))
                .collect(Collectors.toCollection(TreeSet::new));
        for (String refundId : union(asked, decisions.keySet())) {
            List<OrderEvent> decided = decisions.getOrDefault(refundId, List.of());
            if (decided.size() != 1) {
                violations.add(orderNo + ": refund " + refundId + " decided " + decided.size() + " times " + types(decided));
                continue;
            }
            if (decided.getFirst().simpleType().equals("RefundRefused")) {
                Counters calls = counters.getOrDefault(refundId, Counters.NONE);
                if (made.stream().anyMatch(refund -> refund.refundNo().equals(refundId)) || calls.refundCalls() > 0) {
                    violations.add(orderNo + ": refund " + refundId + " was refused, yet UseePay got " + calls.refundCalls()
                            + " refund calls " + describe(made));
                }
            } else if (made.stream().noneMatch(refund -> refund.refundNo().equals(refundId))
                    && outcomesOf(orderNo, refundId, "RefundFailed").isEmpty()) {
                violations.add(orderNo + ": refund " + refundId + " approved, never made at UseePay and never failed");
            }
        }
    }

    /** One refund UseePay holds: made once, approved by the ledger, settled. */
    private void judgeRefund(String orderNo, PspRefund refund, Map<String, List<OrderEvent>> decisions) {
        Counters calls = counters.getOrDefault(refund.refundNo(), Counters.NONE);
        // UseePay holds one refund per number by construction; its counter says how often money went back under it.
        if (calls.refundsMade() != 1) {
            violations.add(orderNo + ": refund " + refund.refundNo() + " made " + calls.refundsMade() + " times at UseePay ("
                    + refund.amountMinor() + ", " + calls.refundCalls() + " calls)");
        }
        boolean approved = decisions.getOrDefault(refund.refundNo(), List.of()).stream()
                .anyMatch(event -> event.simpleType().equals("RefundApproved") && amount(event) == refund.amountMinor());
        if (!approved) {
            violations.add(orderNo + ": UseePay made refund " + refund.refundNo() + " of " + refund.amountMinor()
                    + " without the ledger's approval of that amount");
        }
        List<OrderEvent> succeeded = outcomesOf(orderNo, refund.refundNo(), "RefundSucceeded");
        List<OrderEvent> failed = outcomesOf(orderNo, refund.refundNo(), "RefundFailed");
        switch (refund.status()) {
            case "succeed" -> {
                if (succeeded.size() != 1 || !failed.isEmpty() || amount(succeeded.getFirst()) != refund.amountMinor()) {
                    violations.add(orderNo + ": UseePay refunded " + refund.refundNo() + " (" + refund.amountMinor()
                            + "), outcomes written " + types(succeeded) + types(failed));
                }
            }
            case "failed" -> {
                if (failed.size() != 1 || !succeeded.isEmpty()) {
                    violations.add(orderNo + ": UseePay failed " + refund.refundNo() + ", outcomes written " + types(succeeded) + types(failed));
                }
            }
            default -> violations.add(orderNo + ": refund " + refund.refundNo() + " still " + refund.status() + " at UseePay after settling");
        }
    }

    /** No refund outcome for a refund UseePay did not settle that way; one outcome event id per refund, copies included. */
    private void judgeRefundOutcomes(String orderNo, List<PspRefund> made) {
        Map<String, String> statusOf = made.stream().collect(Collectors.toMap(PspRefund::refundNo, PspRefund::status));
        Map<String, List<OrderEvent>> byRefund = outcomes.getOrDefault(orderNo, List.of()).stream()
                .filter(event -> event.simpleType().startsWith("Refund") && event.text("refundId") != null)
                .collect(Collectors.groupingBy(event -> event.text("refundId")));
        byRefund.forEach((refundId, events) -> {
            for (OrderEvent event : serviceWritten(events)) {
                if (event.simpleType().equals("RefundSucceeded") && !"succeed".equals(statusOf.get(refundId))) {
                    violations.add(orderNo + ": RefundSucceeded for " + refundId + " but UseePay says "
                            + statusOf.getOrDefault(refundId, "no such refund"));
                }
                if (event.simpleType().equals("RefundFailed") && "succeed".equals(statusOf.get(refundId))) {
                    violations.add(orderNo + ": RefundFailed for " + refundId + " but UseePay refunded it");
                }
            }
            long ids = events.stream().map(event -> event.text("eventId")).distinct().count();
            if (ids > 1) {
                violations.add(orderNo + ": " + ids + " distinct outcome event ids for refund " + refundId);
            }
        });
    }

    /**
     * A payment that landed after the close: if the workflow closed the order, it flags it once and
     * UseePay gives the whole amount back once; if it never heard of the close, the order is simply paid.
     * No other order is flagged.
     */
    private void judgePaidAfterClose(String orderNo, PspOrder psp, List<PspRefund> made) {
        List<OrderEvent> written = serviceWritten(outcomes.get(orderNo));
        List<OrderEvent> required = written.stream().filter(event -> event.simpleType().equals("RefundRequired")).toList();
        if (!paidAfterClose.contains(orderNo)) {
            if (!required.isEmpty()) {
                violations.add(orderNo + ": RefundRequired " + required.size() + " times, but the user paid it in time (UseePay: "
                        + (psp == null ? "no order" : psp.status()) + ")");
            }
            return;
        }
        if (!closedByTheWorkflow(written)) {
            if (!required.isEmpty() || !made.isEmpty()) {
                violations.add(orderNo + ": paid after close and settled as paid, yet RefundRequired " + required.size()
                        + " times and UseePay refunds " + describe(made));
            }
            return;
        }
        List<PspRefund> refunds = made.stream().filter(refund -> MADE.contains(refund.status())).toList();
        if (required.size() != 1 || amount(required.getFirst()) != psp.amountMinor() || refunds.size() != 1
                || refunds.getFirst().amountMinor() != psp.amountMinor() || !"succeed".equals(refunds.getFirst().status())) {
            violations.add(orderNo + ": paid " + psp.amountMinor() + " after it closed; RefundRequired " + types(required)
                    + (required.isEmpty() ? "" : " of " + amount(required.getFirst())) + ", UseePay refunds " + describe(made));
        }
    }

    /** The operator's own cases: the request past what was left refused, the repeated one on the topic more than once. */
    private void judgeOperatorsCases() {
        Map<String, List<OrderEvent>> byRefund = ledger.values().stream().flatMap(List::stream)
                .filter(event -> !ChaosVerdict.isCopy(event) && event.text("refundId") != null)
                .collect(Collectors.groupingBy(event -> event.text("refundId")));
        for (String refundId : operator.mustBeRefused()) {
            boolean refused = byRefund.getOrDefault(refundId, List.of()).stream().anyMatch(event ->
                    event.simpleType().equals("RefundRefused") && "EXCEEDS_REFUNDABLE".equals(event.text("code")));
            if (!refused) {
                violations.add("refund " + refundId + " asked past what was left: not refused as EXCEEDS_REFUNDABLE "
                        + types(byRefund.getOrDefault(refundId, List.of())));
            }
        }
        Map<String, Long> requestRecords = requests.values().stream().flatMap(List::stream).filter(event -> !ChaosVerdict.isCopy(event))
                .collect(Collectors.groupingBy(event -> event.text("refundId"), Collectors.counting()));
        for (String refundId : operator.askedAgain()) {
            if (requestRecords.getOrDefault(refundId, 0L) < 2) {
                violations.add("refund " + refundId + " asked again by the operator, but " + requestRecords.getOrDefault(refundId, 0L)
                        + " request records on the topic");
            }
        }
    }

    Figures figures() {
        List<OrderEvent> requestRecords = requests.values().stream().flatMap(List::stream).filter(event -> !ChaosVerdict.isCopy(event)).toList();
        Map<String, String> requesterOf = requestRecords.stream()
                .collect(Collectors.toMap(event -> event.text("refundId"),
                        event -> java.util.Objects.toString(event.text("requestedBy"), ""), (a, b) -> a));
        int automatic = (int) requesterOf.values().stream().filter(AUTOMATIC_REQUESTER::equals).count();
        List<OrderEvent> decisions = ledger.values().stream().flatMap(List::stream).filter(event -> !ChaosVerdict.isCopy(event)).toList();
        List<PspRefund> made = refundsAtUseePay.values().stream().flatMap(List::stream).toList();
        List<OrderEvent> refundOutcomes = outcomes.values().stream().flatMap(List::stream)
                .filter(event -> event.simpleType().equals("RefundSucceeded") || event.simpleType().equals("RefundFailed")).toList();
        Set<String> settledAsPaid = paidAfterClose.stream()
                .filter(orderNo -> !closedByTheWorkflow(serviceWritten(outcomes.get(orderNo)))).collect(Collectors.toSet());
        int refundedAfterClose = (int) paidAfterClose.stream().filter(orderNo -> !settledAsPaid.contains(orderNo))
                .filter(orderNo -> refundsAtUseePay.getOrDefault(orderNo, List.of()).stream()
                        .anyMatch(refund -> refund.status().equals("succeed"))).count();
        return new Figures(requesterOf.size(), requesterOf.size() - automatic, automatic,
                requestRecords.size() - requesterOf.size(),
                count(decisions, "RefundApproved"), count(decisions, "RefundRefused"), made.size(),
                (int) made.stream().filter(refund -> !AUTOMATIC_REQUESTER.equals(requesterOf.get(refund.refundNo()))).count(),
                (int) made.stream().filter(refund -> refund.status().equals("succeed")).count(),
                (int) made.stream().filter(refund -> refund.status().equals("failed")).count(),
                count(serviceWritten(refundOutcomes), "RefundSucceeded"), count(serviceWritten(refundOutcomes), "RefundFailed"),
                (int) refundOutcomes.stream().filter(ChaosVerdict::isCopy).count(),
                paidAfterClose.size(), refundedAfterClose, settledAsPaid.size(),
                made.stream().filter(refund -> refund.status().equals("succeed")).mapToLong(PspRefund::amountMinor).sum());
    }

    /** The workflow's one final outcome for the order is OrderClosed: it learnt of the close before the payment. */
    private static boolean closedByTheWorkflow(List<OrderEvent> written) {
        List<String> finals = written.stream().map(OrderEvent::simpleType).filter(ChaosVerdict.FINAL_OUTCOMES::contains).toList();
        return finals.equals(List.of("OrderClosed"));
    }

    private List<OrderEvent> outcomesOf(String orderNo, String refundId, String type) {
        return serviceWritten(outcomes.get(orderNo)).stream()
                .filter(event -> event.simpleType().equals(type) && refundId.equals(event.text("refundId"))).toList();
    }

    private static long amount(OrderEvent event) {
        return ((Number) event.value().get("amountMinor")).longValue();
    }

    private static int count(List<OrderEvent> events, String type) {
        return (int) events.stream().filter(event -> event.simpleType().equals(type)).count();
    }

    private static List<OrderEvent> serviceWritten(List<OrderEvent> events) {
        return events == null ? List.of() : events.stream().filter(event -> !ChaosVerdict.isCopy(event)).toList();
    }

    private static Map<String, List<OrderEvent>> byOrder(List<OrderEvent> events, Set<String> ours) {
        return events.stream().filter(event -> event.key() != null && ours.contains(event.key()))
                .collect(Collectors.groupingBy(OrderEvent::key));
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }

    private static List<String> describe(List<PspRefund> refunds) {
        return refunds.stream().map(refund -> refund.refundNo() + " " + refund.amountMinor() + " " + refund.status()).toList();
    }

    private static List<String> types(List<OrderEvent> events) {
        return events.stream().map(event -> event.simpleType() + (event.text("code") == null ? "" : " " + event.text("code"))).toList();
    }

    private static List<String> types(Map<String, List<OrderEvent>> byRefund) {
        return byRefund.values().stream().flatMap(List::stream)
                .map(event -> event.simpleType() + " " + event.text("refundId") + " " + amount(event)).toList();
    }
}
