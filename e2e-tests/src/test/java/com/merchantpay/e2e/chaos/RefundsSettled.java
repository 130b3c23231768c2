package com.merchantpay.e2e.chaos;

import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SandboxAdmin.PspRefund;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What is still moving in the refunds of the run's orders, read from UseePay and the topics: a
 * request without the ledger's decision, an approval UseePay has not heard of (and that did not
 * fail), a refund UseePay has not settled, or one it settled without the matching outcome. Empty
 * once every refund has come to rest; only then are refunds counted.
 */
final class RefundsSettled {

    private final RunningStack stack;
    private final Set<String> ours;

    RefundsSettled(RunningStack stack, Set<String> ours) {
        this.stack = stack;
        this.ours = ours;
    }

    Set<String> unsettled() {
        List<PspRefund> made = stack.sandbox().refunds().stream().filter(refund -> ours.contains(refund.orderNo())).toList();
        List<OrderEvent> requests = ours(stack.readAll(PaymentTopics.REFUND_REQUESTS.name()));
        List<OrderEvent> ledger = ours(stack.readAll(PaymentTopics.REFUNDS.name()));
        List<OrderEvent> outcomes = ours(stack.readAll(PaymentTopics.OUTCOMES.name()));
        Set<String> decided = refundIds(ledger, "RefundApproved", "RefundRefused");
        Set<String> approved = refundIds(ledger, "RefundApproved");
        Set<String> succeeded = refundIds(outcomes, "RefundSucceeded");
        Set<String> failed = refundIds(outcomes, "RefundFailed");
        Set<String> atUseePay = made.stream().map(PspRefund::refundNo).collect(Collectors.toSet());
        Set<String> moving = new TreeSet<>();
        refundIds(requests, "RefundRequested").stream().filter(id -> !decided.contains(id)).forEach(id -> moving.add(id + " undecided"));
        approved.stream().filter(id -> !atUseePay.contains(id) && !failed.contains(id)).forEach(id -> moving.add(id + " approved, not at UseePay"));
        for (PspRefund refund : made) {
            boolean told = switch (refund.status()) {
                case "succeed" -> succeeded.contains(refund.refundNo());
                case "failed" -> failed.contains(refund.refundNo());
                default -> false;
            };
            if (!told) {
                moving.add(refund.refundNo() + " " + refund.status() + " at UseePay, no matching outcome yet");
            }
        }
        return moving;
    }

    private List<OrderEvent> ours(List<OrderEvent> events) {
        return events.stream().filter(event -> event.key() != null && ours.contains(event.key())).toList();
    }

    private static Set<String> refundIds(List<OrderEvent> events, String... types) {
        Set<String> wanted = Set.of(types);
        Set<String> ids = new HashSet<>();
        events.stream().filter(event -> wanted.contains(event.simpleType())).forEach(event -> ids.add(event.text("refundId")));
        return ids;
    }
}
