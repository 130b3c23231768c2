package com.merchantpay.e2e.chaos;

import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.testsupport.SandboxAdmin.Counters;
import com.merchantpay.testsupport.SandboxAdmin.PspOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Order by order, UseePay's records (the sandbox) against what the workflow wrote on its topics.
 * Records the replay tool copied (header {@code replay-id}) are told apart from records a service
 * wrote: the invariants are about what the services decide; the copies are counted separately.
 */
final class ChaosVerdict {

    static final Set<String> FINAL_OUTCOMES = Set.of("PaymentSucceeded", "PaymentFailed", "OrderClosed");
    private static final Map<String, String> OUTCOME_OF_STATUS = Map.of(
            "succeed", "PaymentSucceeded", "failed", "PaymentFailed", "closed", "OrderClosed");

    /** Every figure the summary prints. */
    record Figures(int ordersAtUseePay, int paid, int failedAtUseePay, int closedAtUseePay, int stillOpen,
                   Map<String, Integer> outcomesByType, int outcomeReplayCopies, int notificationFindings,
                   int queryFindings, int findingReplayCopies, int duplicatesSuppressed, int notificationsSent,
                   int notificationsAcknowledged, int notificationsDropped, int queries, int createCalls,
                   int ordersWithRepeatedCreate, int deadLetters, int ordersUnknownToTraffic) {
    }

    private final Map<String, PspOrder> pspOrders;
    private final Map<String, Counters> counters;
    private final Map<String, List<OrderEvent>> outcomes;
    private final Map<String, List<OrderEvent>> decisions;
    private final Map<String, List<OrderEvent>> findings;
    private final List<DeadLetters.DeadLetter> deadLetters;
    private final Set<String> trafficOrders;
    private final Set<String> paidAfterClose;
    private final List<String> violations = new ArrayList<>();

    /**
     * @param pspOrders      the sandbox's orders created during the run
     * @param trafficOrders  order numbers the traffic was answered with (rejected ones included)
     * @param paidAfterClose orders UseePay says paid that the user did not pay: the payment landed after the close
     *                       ({@link RefundVerdict} judges what became of the money)
     */
    ChaosVerdict(Map<String, PspOrder> pspOrders, Map<String, Counters> counters, List<OrderEvent> outcomeTopic,
                 List<OrderEvent> orderTopic, List<OrderEvent> findingTopic, List<DeadLetters.DeadLetter> deadLetters,
                 Set<String> trafficOrders, Set<String> paidAfterClose) {
        this.pspOrders = pspOrders;
        this.counters = counters;
        this.trafficOrders = trafficOrders;
        this.paidAfterClose = paidAfterClose;
        Set<String> ours = new TreeSet<>(trafficOrders);
        ours.addAll(pspOrders.keySet());
        this.outcomes = byOrder(outcomeTopic, ours);
        this.decisions = byOrder(orderTopic, ours);
        // Refund findings share the topics and the order's key; the payment figures count the payment's own.
        this.findings = byOrder(findingTopic.stream().filter(ChaosVerdict::aboutThePayment).toList(), ours);
        this.deadLetters = deadLetters;
        judge(ours);
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    private void judge(Set<String> ours) {
        for (String orderNo : ours) {
            List<OrderEvent> written = serviceWritten(outcomes.get(orderNo));
            List<OrderEvent> finals = written.stream().filter(event -> FINAL_OUTCOMES.contains(event.simpleType())).toList();
            PspOrder psp = pspOrders.get(orderNo);
            // A payment that landed after the close: the workflow may have heard of the close first, and closed the order.
            boolean closedThenPaid = paidAfterClose.contains(orderNo)
                    && types(finals).equals(List.of("OrderClosed"));
            if (psp != null && psp.paid() && !closedThenPaid) {
                long succeeded = finals.stream().filter(event -> event.simpleType().equals("PaymentSucceeded")).count();
                if (succeeded != 1 || finals.size() != 1) {
                    violations.add(orderNo + ": UseePay says paid, outcomes written " + types(finals));
                }
            } else if (finals.stream().anyMatch(event -> event.simpleType().equals("PaymentSucceeded"))) {
                violations.add(orderNo + ": PaymentSucceeded but UseePay says " + (psp == null ? "no order" : psp.status()));
            }
            if (finals.size() > 1) {
                violations.add(orderNo + ": " + finals.size() + " outcomes " + types(finals));
            }
            Set<String> outcomeIds = outcomes.getOrDefault(orderNo, List.of()).stream()
                    .filter(event -> FINAL_OUTCOMES.contains(event.simpleType())).map(event -> event.text("eventId"))
                    .collect(Collectors.toSet());
            if (outcomeIds.size() > 1) {
                violations.add(orderNo + ": " + outcomeIds.size() + " distinct outcome event ids on the topic");
            }
            if (psp != null && psp.isFinal() && !closedThenPaid && finals.stream().noneMatch(event ->
                    event.simpleType().equals(OUTCOME_OF_STATUS.get(psp.status())))) {
                violations.add(orderNo + ": UseePay says " + psp.status() + ", outcomes written " + types(finals));
            }
            Set<String> decisionIds = serviceWritten(decisions.get(orderNo)).stream().map(event -> event.simpleType() + "/" + event.text("eventId"))
                    .collect(Collectors.toSet());
            if (decisionIds.size() > 1) {
                violations.add(orderNo + ": order-service decided more than once " + decisionIds);
            }
            Counters calls = counters.getOrDefault(orderNo, Counters.NONE);
            // notify-service answered UseePay 200 only once the finding was durable: it must have become exactly one outcome.
            if (calls.notificationsAcknowledged() > 0 && finals.size() != 1) {
                violations.add(orderNo + ": notification acknowledged, outcomes written " + types(finals));
            }
            if (calls.creates() > 1 && calls.queries() == 0) {
                violations.add(orderNo + ": " + calls.creates() + " create calls without a query to resolve the first");
            }
        }
        deadLetters.forEach(letter -> violations.add("dead letter " + letter));
    }

    Figures figures() {
        Collection<PspOrder> psp = pspOrders.values();
        Map<String, Integer> outcomesByType = new TreeMap<>();
        int copies = 0;
        int duplicates = 0;
        for (String orderNo : outcomes.keySet()) {
            for (OrderEvent event : outcomes.get(orderNo)) {
                if (isCopy(event)) {
                    copies++;
                } else {
                    outcomesByType.merge(event.simpleType(), 1, Integer::sum);
                }
            }
        }
        int notificationFindings = 0;
        int queryFindings = 0;
        int findingCopies = 0;
        for (String orderNo : findings.keySet()) {
            int written = 0;
            for (OrderEvent event : findings.get(orderNo)) {
                if (isCopy(event)) {
                    findingCopies++;
                } else {
                    written++;
                    if (event.simpleType().equals("PspNotificationVerified")) {
                        notificationFindings++;
                    } else {
                        queryFindings++;
                    }
                }
            }
            // A payment that landed after the close made an outcome too: RefundRequired.
            long decided = serviceWritten(outcomes.get(orderNo)).stream()
                    .filter(event -> FINAL_OUTCOMES.contains(event.simpleType()) || event.simpleType().equals("RefundRequired"))
                    .count();
            duplicates += (int) Math.max(0, written - decided);
        }
        Collection<Counters> calls = pspOrders.keySet().stream().map(orderNo -> counters.getOrDefault(orderNo, Counters.NONE)).toList();
        return new Figures(psp.size(), count(psp, "succeed"), count(psp, "failed"), count(psp, "closed"),
                (int) psp.stream().filter(order -> !order.isFinal()).count(), outcomesByType, copies,
                notificationFindings, queryFindings, findingCopies, duplicates,
                sum(calls, Counters::notificationsSent), sum(calls, Counters::notificationsAcknowledged),
                sum(calls, Counters::notificationsDropped), sum(calls, Counters::queries), sum(calls, Counters::creates),
                (int) calls.stream().filter(counter -> counter.creates() > 1).count(), deadLetters.size(),
                (int) pspOrders.keySet().stream().filter(orderNo -> !trafficOrders.contains(orderNo)).count());
    }

    private static boolean aboutThePayment(OrderEvent event) {
        String type = event.text("transactionType");
        return type == null || type.equals("pay");
    }

    static boolean isCopy(OrderEvent event) {
        return event.headers().containsKey(OperatorReplay.REPLAY_ID_HEADER);
    }

    private static List<OrderEvent> serviceWritten(List<OrderEvent> events) {
        return events == null ? List.of() : events.stream().filter(event -> !isCopy(event)).toList();
    }

    private static Map<String, List<OrderEvent>> byOrder(List<OrderEvent> events, Set<String> ours) {
        return events.stream().filter(event -> event.key() != null && ours.contains(event.key()))
                .collect(Collectors.groupingBy(OrderEvent::key));
    }

    private static List<String> types(List<OrderEvent> events) {
        return events.stream().map(OrderEvent::simpleType).toList();
    }

    private static int count(Collection<PspOrder> orders, String status) {
        return (int) orders.stream().filter(order -> order.status().equals(status)).count();
    }

    private static int sum(Collection<Counters> counters, ToLongFunction<Counters> field) {
        return Math.toIntExact(counters.stream().mapToLong(field).sum());
    }
}
