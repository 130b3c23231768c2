package com.merchantpay.order.refund;

import static com.merchantpay.order.support.Checkouts.checkout;
import static com.merchantpay.order.support.Checkouts.item;
import static com.merchantpay.order.support.Checkouts.newOrderNo;
import static com.merchantpay.order.support.OrderServiceUnderTest.awaitOneDecision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.refund.RefundApproved;
import com.merchantpay.events.refund.RefundSubmitted;
import com.merchantpay.order.support.Checkouts;
import com.merchantpay.order.support.OrderServiceUnderTest;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.ConsumerGroups;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.testsupport.SandboxAdmin.PspRefund;
import com.merchantpay.testsupport.SharedInfrastructure;
import com.merchantpay.testsupport.TopicTap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The refund executor against the sandbox playing UseePay: an approved refund reaches UseePay once
 * and is answered on the refunds topic; a refund whose reply is lost and whose queries time out is
 * asked again (query first) until UseePay's answer is known; neither a redelivery nor a replayed
 * approval from beyond {@code order.refund.max-age} refunds again. Each approval is the ledger's
 * part, played here by writing {@code RefundApproved} as notify-service would.
 */
class RefundExecutorIT {

    private static final String REFUNDS = PaymentTopics.REFUNDS.name();
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(60);

    private static TopicTap refunds;
    private static KafkaProducer<String, Object> ledger;
    private static ConfigurableApplicationContext service;

    private final SandboxAdmin sandbox = OrderServiceUnderTest.sandbox().admin();

    @BeforeAll
    static void start() {
        service = OrderServiceUnderTest.running();
        refunds = TopicTap.fromBeginning(REFUNDS);
        ledger = new KafkaProducer<>(SharedInfrastructure.eventProducerConfig());
    }

    @AfterAll
    static void close() {
        refunds.close();
        ledger.close();
    }

    @BeforeEach
    void cleanSandbox() {
        sandbox.reset();
    }

    @AfterEach
    void faultsOff() {
        sandbox.clearFaults();
    }

    @Test
    void anApprovedRefundReachesUseePayOnceAndItsAcceptanceIsAnswered() {
        String orderNo = paidOrder("refund-ok");
        RefundApproved approved = approval(orderNo, "r1", 2_000);

        RecordMetadata sent = send(approved, Instant.now());

        RefundSubmitted answer = awaitAnswer(approved);
        assertThat(answer.getAnswer()).isEqualTo("ACCEPTED");
        List<PspRefund> made = sandbox.refundsOf(orderNo);
        assertThat(made).as("refunds UseePay made for " + orderNo).singleElement().satisfies(refund -> {
            assertThat(refund.refundNo()).isEqualTo(approved.getRefundId());
            assertThat(refund.amountMinor()).isEqualTo(2_000);
            assertThat(refund.currency()).isEqualTo("HKD");
            assertThat(refund.traceId()).isEqualTo(approved.getTraceId());
        });
        assertThat(answer.getPspReference()).isEqualTo(made.getFirst().reference());
        assertThat(answer.getEventId()).isEqualTo(EventIds.deterministic(orderNo, "refund-submitted", approved.getRefundId(), "ACCEPTED"));
        awaitDoneWith(sent);
        assertThat(answers(approved)).as("one answer per approval").hasSize(1);
    }

    /**
     * The refund is made but its reply never arrives, and then every query of the refund times out
     * for longer than one call's retries last: the executor does not answer UNKNOWN (which would leave
     * the amount held until the reconciler asks) but asks again, query first, and answers ACCEPTED
     * once UseePay can be heard. Still one refund at UseePay.
     */
    @Test
    void aRefundWhoseReplyAndQueriesAreLostIsAskedAgainUntilUseePayAnswers() {
        String orderNo = paidOrder("refund-lost");
        RefundApproved approved = approval(orderNo, "r1", 6_400);
        double askedAgainBefore = askedAgain();
        // 1 refund + 4 retries (each a query first) use up one call; the sixth query falls in the second call.
        sandbox.faults("{\"rules\":{\"REFUND_TIMEOUT\":{\"share\":0,\"next\":1},\"QUERY_TIMEOUT\":{\"share\":0,\"next\":6}},\"stall\":\"PT2S\"}");

        RecordMetadata sent = send(approved, Instant.now());

        RefundSubmitted answer = awaitAnswer(approved);
        assertThat(answer.getAnswer()).isEqualTo("ACCEPTED");
        assertThat(askedAgain()).as("asked again after a call that ended unknown").isGreaterThan(askedAgainBefore);
        assertThat(sandbox.refundsOf(orderNo)).as("refunds UseePay made").hasSize(1);
        assertThat(sandbox.queries(approved.getRefundId())).as("queries of the refund's own id").isGreaterThanOrEqualTo(7);
        awaitDoneWith(sent);
        assertThat(answers(approved)).extracting(RefundSubmitted::getAnswer).containsExactly("ACCEPTED");
    }

    /** The same approval delivered twice (a crash before the commit, a re-drive): the query finds the refund made. */
    @Test
    void aRedeliveredApprovalRefundsNothingMore() {
        String orderNo = paidOrder("refund-twice");
        RefundApproved approved = approval(orderNo, "r1", 1_000);
        send(approved, Instant.now());
        awaitAnswer(approved);

        RecordMetadata again = send(approved, Instant.now());

        awaitDoneWith(again);
        assertThat(sandbox.refundsOf(orderNo)).as("refunds UseePay made").hasSize(1);
        assertThat(answers(approved)).as("the same answer, the same event id")
                .extracting(RefundSubmitted::getAnswer, RefundSubmitted::getEventId)
                .containsOnly(tuple("ACCEPTED",
                        EventIds.deterministic(orderNo, "refund-submitted", approved.getRefundId(), "ACCEPTED")));
    }

    /** An operator replaying the refunds topic from its start must not send old approvals to UseePay. */
    @Test
    void anApprovalFromBeyondTheMaxAgeIsHistoryAndNotAskedAgain() {
        String orderNo = paidOrder("refund-old");
        RefundApproved approved = approval(orderNo, "r1", 1_000);

        RecordMetadata sent = send(approved, Instant.now().minus(Duration.ofHours(25)));

        awaitDoneWith(sent);
        assertThat(sandbox.refundsOf(orderNo)).as("refunds UseePay made").isEmpty();
        assertThat(answers(approved)).as("no answer to history").isEmpty();
    }

    /** An order UseePay holds as paid, through order-service's own checkout. */
    private String paidOrder(String prefix) {
        String orderNo = newOrderNo(prefix);
        RecordMetadata sent = Checkouts.checkouts().send(checkout(orderNo, item("milk-tea", 2)));
        assertThat(awaitOneDecision(orderNo, sent).event()).isInstanceOf(OrderCreated.class);
        assertThat(sandbox.pay(orderNo)).as("sandbox pay of " + orderNo).isEqualTo(200);
        return orderNo;
    }

    private static RefundApproved approval(String orderNo, String refund, long amountMinor) {
        String refundId = orderNo + "-" + refund;
        return RefundApproved.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "refund-approved", refundId))
                .setOccurredAt(Instant.now())
                .setOrderNo(orderNo)
                .setTraceId("trace-" + refundId)
                .setRefundId(refundId)
                .setAmountMinor(amountMinor)
                .setCurrency("HKD")
                .setPaidMinor(6_400)
                .setRefundableAfterMinor(6_400 - amountMinor)
                .setReason("CUSTOMER_REQUEST")
                .setRequestedBy("operator:test")
                .build();
    }

    private static RecordMetadata send(RefundApproved approved, Instant writtenAt) {
        try {
            return ledger.send(new ProducerRecord<>(REFUNDS, null, writtenAt.toEpochMilli(), approved.getOrderNo(), approved)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static RefundSubmitted awaitAnswer(RefundApproved approved) {
        return refunds.awaitEvent(REFUNDS, RefundSubmitted.class,
                submitted -> submitted.getRefundId().equals(approved.getRefundId()), ANSWER_WAIT);
    }

    private static List<RefundSubmitted> answers(RefundApproved approved) {
        return refunds.events(REFUNDS, approved.getOrderNo(), RefundSubmitted.class).stream()
                .filter(submitted -> submitted.getRefundId().equals(approved.getRefundId())).toList();
    }

    /** The executor committed past {@code sent} (so any answer it wrote is durable), and the tap read it. */
    private static void awaitDoneWith(RecordMetadata sent) {
        ConsumerGroups.shared().awaitCommittedPast(RefundConfiguration.GROUP, sent, ANSWER_WAIT);
        refunds.readToEnd();
    }

    private static double askedAgain() {
        Counter counter = service.getBean(MeterRegistry.class).find("order.refunds").tag("answer", "unknown_asked_again").counter();
        return counter == null ? 0 : counter.count();
    }
}
