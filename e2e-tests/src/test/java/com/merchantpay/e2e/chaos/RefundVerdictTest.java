package com.merchantpay.e2e.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.events.outcome.OrderClosed;
import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.events.outcome.RefundRequired;
import com.merchantpay.events.refund.RefundApproved;
import com.merchantpay.events.refund.RefundRefused;
import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.events.refund.RefundSucceeded;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SandboxAdmin.Counters;
import com.merchantpay.testsupport.SandboxAdmin.PspOrder;
import com.merchantpay.testsupport.SandboxAdmin.PspRefund;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

/**
 * The refund verdict on hand-made records: it must stay silent on a run where money went back once,
 * and name the order and the figures for each way money can go back wrong. Without the stack.
 */
class RefundVerdictTest {

    private static final String ORDER = "MP-1";
    private static final String LATE = "MP-2";
    private static final long PAID = 5_600;

    private final Map<String, PspOrder> pspOrders = new HashMap<>(Map.of(
            ORDER, pspOrder(ORDER), LATE, pspOrder(LATE)));
    private final Map<String, Counters> counters = new HashMap<>();
    private final List<PspRefund> refunds = new ArrayList<>();
    private final List<OrderEvent> outcomes = new ArrayList<>();
    private final List<OrderEvent> ledger = new ArrayList<>();
    private final List<OrderEvent> requests = new ArrayList<>();
    private Set<String> mustBeRefused = Set.of();

    @Test
    void aRunWhereEveryRefundWentBackOnceHasNoViolation() {
        operatorRefund("RF1", 1_400);
        lateRefund();
        // Replay copies of everything: counted apart, never a second refund.
        List.copyOf(requests).forEach(event -> requests.add(copy(event)));
        List.copyOf(ledger).forEach(event -> ledger.add(copy(event)));
        List.copyOf(outcomes).forEach(event -> outcomes.add(copy(event)));

        RefundVerdict verdict = verdict();

        assertThat(verdict.violations()).isEmpty();
        RefundVerdict.Figures figures = verdict.figures();
        assertThat(figures.requested()).isEqualTo(2);
        assertThat(figures.requestedByOperators()).isEqualTo(1);
        assertThat(figures.madeAtUseePay()).isEqualTo(2);
        assertThat(figures.paidAfterCloseRefunded()).isEqualTo(1);
        assertThat(figures.refundedMinor()).isEqualTo(1_400 + PAID);
        assertThat(figures.refundOutcomeCopies()).isEqualTo(2);
        assertThat(figures.repeatedRequests()).isZero();
    }

    @Test
    void moneyBackBeyondWhatWasPaidIsNamedWithTheFigures() {
        operatorRefund("RF1", 4_000);
        operatorRefund("RF2", 4_000);

        assertThat(verdict().violations()).anyMatch(v -> v.startsWith(ORDER) && v.contains("refunded 8000 of 5600"))
                .anyMatch(v -> v.startsWith(ORDER) && v.contains("approved 8000 of 5600"));
    }

    @Test
    void aRefundMadeTwiceAtUseePayIsAViolation() {
        operatorRefund("RF1", 1_000);
        counters.put("RF1", new Counters(0, 0, 1, 1, 0, 0, 2, 2));

        assertThat(verdict().violations()).singleElement().asString().contains("RF1 made 2 times");
    }

    @Test
    void aSecondRefundSucceededOrOneForARefundUseePayNeverMadeIsAViolation() {
        operatorRefund("RF1", 1_000);
        outcomes.add(event(PaymentTopics.OUTCOMES, RefundSucceeded.getClassSchema(), ORDER,
                Map.of("refundId", "RF1", "amountMinor", 1_000L, "eventId", "other-id")));
        outcomes.add(event(PaymentTopics.OUTCOMES, RefundSucceeded.getClassSchema(), ORDER,
                Map.of("refundId", "RF9", "amountMinor", 500L, "eventId", "o-RF9")));

        assertThat(verdict().violations())
                .anyMatch(v -> v.contains("refunded RF1 (1000), outcomes written [RefundSucceeded, RefundSucceeded]"))
                .anyMatch(v -> v.contains("RefundSucceeded for RF9 but UseePay says no such refund"));
    }

    @Test
    void aRefusedRequestThatReachedUseePayAndARequestDecidedTwiceAreViolations() {
        request("RF1", 7_000, "chaos-ops");
        ledger.add(event(PaymentTopics.REFUNDS, RefundRefused.getClassSchema(), ORDER,
                Map.of("refundId", "RF1", "amountMinor", 7_000L, "code", "EXCEEDS_REFUNDABLE")));
        counters.put("RF1", new Counters(0, 0, 0, 0, 0, 0, 1, 0));
        operatorRefund("RF2", 1_000);
        ledger.add(event(PaymentTopics.REFUNDS, RefundApproved.getClassSchema(), ORDER, Map.of("refundId", "RF2", "amountMinor", 1_000L)));

        assertThat(verdict().violations())
                .anyMatch(v -> v.contains("RF1 was refused, yet UseePay got 1 refund calls"))
                .anyMatch(v -> v.contains("RF2 decided 2 times"));
    }

    @Test
    void theOperatorsRequestPastWhatWasLeftMustBeRefused() {
        operatorRefund("RF1", 2_800);
        operatorRefund("RF2", 2_801);
        mustBeRefused = Set.of("RF2");

        assertThat(verdict().violations()).anyMatch(v -> v.contains("RF2 asked past what was left: not refused"));
    }

    @Test
    void aPaymentAfterTheCloseThatWasNotGivenBackInFullIsAViolation() {
        outcomes.add(event(PaymentTopics.OUTCOMES, OrderClosed.getClassSchema(), LATE, Map.of()));
        outcomes.add(event(PaymentTopics.OUTCOMES, RefundRequired.getClassSchema(), LATE, Map.of("amountMinor", PAID)));

        assertThat(verdict().violations()).singleElement().asString()
                .startsWith(LATE + ": paid 5600 after it closed").contains("UseePay refunds []");
    }

    @Test
    void aPaymentAfterTheCloseTheWorkflowNeverHeardClosedIsSimplyPaid() {
        outcomes.add(event(PaymentTopics.OUTCOMES, PaymentSucceeded.getClassSchema(), LATE, Map.of("amountMinor", PAID)));

        RefundVerdict verdict = verdict();

        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.figures().paidAfterCloseSettledAsPaid()).isEqualTo(1);
    }

    private RefundVerdict verdict() {
        OperatorRefunds.Report operator = new OperatorRefunds.Report(Map.of(), 0, 0, 0, 0, List.of(), mustBeRefused, Set.of(), List.of());
        return new RefundVerdict(Set.of(ORDER, LATE), pspOrders, counters, refunds, outcomes, ledger, requests, Set.of(LATE), operator);
    }

    /** Asked, approved, made and settled once at UseePay, told once. */
    private void operatorRefund(String refundId, long amount) {
        request(refundId, amount, "chaos-ops");
        ledger.add(event(PaymentTopics.REFUNDS, RefundApproved.getClassSchema(), ORDER, Map.of("refundId", refundId, "amountMinor", amount)));
        made(ORDER, refundId, amount);
    }

    private void lateRefund() {
        outcomes.add(event(PaymentTopics.OUTCOMES, OrderClosed.getClassSchema(), LATE, Map.of()));
        outcomes.add(event(PaymentTopics.OUTCOMES, RefundRequired.getClassSchema(), LATE, Map.of("amountMinor", PAID)));
        requests.add(event(PaymentTopics.REFUND_REQUESTS, RefundRequested.getClassSchema(), LATE,
                Map.of("refundId", "RF-LATE", "amountMinor", PAID, "requestedBy", RefundVerdict.AUTOMATIC_REQUESTER)));
        ledger.add(event(PaymentTopics.REFUNDS, RefundApproved.getClassSchema(), LATE, Map.of("refundId", "RF-LATE", "amountMinor", PAID)));
        made(LATE, "RF-LATE", PAID);
    }

    private void request(String refundId, long amount, String by) {
        requests.add(event(PaymentTopics.REFUND_REQUESTS, RefundRequested.getClassSchema(), ORDER,
                Map.of("refundId", refundId, "amountMinor", amount, "requestedBy", by)));
    }

    private void made(String orderNo, String refundId, long amount) {
        refunds.add(new PspRefund(refundId, "ref-" + refundId, orderNo, amount, "HKD", "succeed", null, null, Instant.now()));
        counters.put(refundId, new Counters(0, 0, 1, 1, 0, 0, 1, 1));
        outcomes.add(event(PaymentTopics.OUTCOMES, RefundSucceeded.getClassSchema(), orderNo,
                Map.of("refundId", refundId, "amountMinor", amount, "eventId", "o-" + refundId)));
    }

    private static PspOrder pspOrder(String orderNo) {
        return new PspOrder(orderNo, "ref-" + orderNo, PAID, "HKD", "succeed", 0, null, Instant.now(), Instant.now(), null);
    }

    private static OrderEvent event(com.merchantpay.schemas.topics.TopicSpec topic, Schema schema, String key, Map<String, Object> fields) {
        GenericData.Record value = new GenericData.Record(schema);
        fields.forEach(value::put);
        return new OrderEvent(topic.name(), 0, 0, key, 1, schema.getFullName(), value, Map.of());
    }

    private static OrderEvent copy(OrderEvent event) {
        return new OrderEvent(event.topic(), event.partition(), event.offset() + 1000, event.key(), event.schemaId(), event.type(),
                event.value(), Map.of(OperatorReplay.REPLAY_ID_HEADER, "replay-1"));
    }
}
