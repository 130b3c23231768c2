package com.merchantpay.e2e.scaleout;

import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.testsupport.SandboxAdmin.Counters;
import com.merchantpay.testsupport.SandboxAdmin.PspOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * UseePay's records at one moment, read in two calls through test-support's {@link SandboxAdmin}
 * (every order the sandbox holds, every order's call counters), and the one-order-per-checkout rule
 * the scaleout verdicts check against them. The verdicts trust these, never our services.
 */
final class UseePayLedger {

    private final Map<String, List<PspOrder>> orders;
    private final Map<String, Counters> counters;

    private UseePayLedger(Map<String, List<PspOrder>> orders, Map<String, Counters> counters) {
        this.orders = orders;
        this.counters = counters;
    }

    static UseePayLedger read(SandboxAdmin sandbox) {
        return new UseePayLedger(sandbox.orders().stream().collect(Collectors.groupingBy(PspOrder::orderNo)),
                sandbox.allCounters());
    }

    /** UseePay's order for the number, if it holds one (the first, should it list more). */
    Optional<PspOrder> order(String orderNo) {
        return orders.getOrDefault(orderNo, List.of()).stream().findFirst();
    }

    /** Zeroes for a number UseePay never saw. */
    Counters counters(String orderNo) {
        return counters.getOrDefault(orderNo, Counters.NONE);
    }

    /**
     * Create calls after the first that no query can account for. order-service's client asks again
     * only after a query found the order (its recovery from an unknown outcome), with one exception:
     * UseePay hands an order's pay values out only in its reply to {@code pay}, so a checkout whose
     * reply reached an instance that was then killed before writing the decision is asked for again
     * by the partition's next owner straight away (UseePay, duplicateCreate IDEMPOTENT, hands the
     * same order back). So this is at most 1, and 1 only for checkouts in flight at a kill. The
     * sandbox's queries include the reconciler's, so the count is a floor, not exact.
     */
    static long createsNoQueryExplains(Counters calls) {
        return Math.max(0, calls.creates() - 1 - calls.queries());
    }

    /** How many of the orders were asked for again without a query: at most the killed instances' in-flight windows. */
    long askedAgainWithoutQuery(Collection<String> orderNos) {
        return orderNos.stream().filter(orderNo -> createsNoQueryExplains(counters(orderNo)) == 1).count();
    }

    /**
     * What breaks "one checkout, one decision, at most one UseePay order, named by the decision": not
     * exactly one decision, more than one UseePay order for the number, an {@code OrderCreated} that
     * names another UseePay order or none, and create calls that are missing or repeated without a
     * query in between ({@link #createsNoQueryExplains}).
     */
    List<String> checkoutViolations(String orderNo, List<OrderEvent> decisions) {
        List<String> violations = new ArrayList<>();
        if (decisions.size() != 1) {
            violations.add(orderNo + ": " + decisions.size() + " decisions " + names(decisions));
        }
        List<PspOrder> held = orders.getOrDefault(orderNo, List.of());
        List<OrderEvent> created = decisions.stream().filter(decision -> decision.simpleType().equals("OrderCreated")).toList();
        if (held.isEmpty()) {
            if (!created.isEmpty()) {
                violations.add(orderNo + ": OrderCreated but UseePay holds no order");
            }
            return violations;
        }
        if (held.size() != 1) {
            violations.add(orderNo + ": UseePay lists " + held.size() + " orders");
        }
        String reference = held.getFirst().reference();
        created.forEach(decision -> {
            if (!reference.equals(decision.text("pspReference"))) {
                violations.add(orderNo + ": OrderCreated names UseePay order " + decision.text("pspReference")
                        + ", UseePay holds " + reference);
            }
        });
        // One order at UseePay, named by the one decision, is the invariant; create calls may exceed 1
        // (see createsNoQueryExplains), but never twice without a query in between.
        Counters calls = counters(orderNo);
        if (calls.creates() < 1 || createsNoQueryExplains(calls) > 1) {
            violations.add(orderNo + ": " + calls.creates() + " create calls, " + calls.queries() + " queries");
        }
        return violations;
    }

    /** Short record names with their place, for messages: {@code [OrderCreated@3:17]}. */
    static List<String> names(Collection<OrderEvent> events) {
        return events.stream().map(event -> event.simpleType() + "@" + event.partition() + ":" + event.offset()).toList();
    }
}
