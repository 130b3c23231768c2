package com.merchantpay.order.checkout;

import static com.merchantpay.order.support.OrderServiceUnderTest.DECISION_WAIT;
import static com.merchantpay.order.support.OrderServiceUnderTest.alerts;
import static com.merchantpay.order.support.OrderServiceUnderTest.awaitOneDecision;
import static com.merchantpay.order.support.Checkouts.checkout;
import static com.merchantpay.order.support.OrderServiceUnderTest.deadLetters;
import static com.merchantpay.order.support.OrderServiceUnderTest.decisions;
import static com.merchantpay.order.support.Checkouts.item;
import static com.merchantpay.order.support.Checkouts.newOrderNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.alert.CheckoutDeadLettered;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.order.support.OrderServiceUnderTest;
import com.merchantpay.order.support.Checkouts;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a {@code pay} can end without a trustworthy answer, under both of UseePay's possible
 * duplicate-create behaviours: each ends with exactly one order at UseePay and exactly one decision.
 * Each fault fires once; the sandbox creates the order before misbehaving, so the order exists.
 */
class PayFaultRecoveryIT {

    private final SandboxAdmin sandbox = OrderServiceUnderTest.sandbox().admin();
    private final Checkouts topics = Checkouts.checkouts();

    @BeforeAll
    static void startService() {
        OrderServiceUnderTest.running();
    }

    @BeforeEach
    void cleanSandbox() {
        sandbox.reset();
    }

    @AfterEach
    void faultsOff() {
        sandbox.faults("{}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PAY_TIMEOUT", "PAY_SERVER_ERROR", "PAY_UNPARSABLE", "PAY_BAD_SIGNATURE"})
    void idempotentUseePayHandsTheSameOrderBackAfterTheQuery(String fault) {
        sandbox.faults("{\"rules\":{\"" + fault + "\":{\"share\":0,\"next\":1}},\"stall\":\"PT3S\",\"duplicateCreate\":\"IDEMPOTENT\"}");
        String orderNo = newOrderNo(fault.toLowerCase());

        OrderServiceUnderTest.Decision decision = awaitOneDecision(orderNo, topics.send(checkout(orderNo, item("milk-tea", 2))));

        OrderCreated created = (OrderCreated) decision.event();
        assertThat(sandbox.ordersHeld(orderNo)).isEqualTo(1);
        assertThat(created.getPspReference()).isEqualTo(sandbox.order(orderNo).orElseThrow().reference());
        assertThat(created.getAmountMinor()).isEqualTo(6400);
        assertThat(sandbox.queries(orderNo)).as("the unknown outcome was resolved by query").isPositive();
        // The second pay only happens after the query found the order: it asks for its parameters again.
        assertThat(sandbox.creates(orderNo)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PAY_TIMEOUT", "PAY_SERVER_ERROR", "PAY_UNPARSABLE", "PAY_BAD_SIGNATURE"})
    void rejectingUseePayLeavesTheOneOrderUnrecoverableAndSaysSo(String fault) {
        sandbox.faults("{\"rules\":{\"" + fault + "\":{\"share\":0,\"next\":1}},\"stall\":\"PT3S\",\"duplicateCreate\":\"REJECT\"}");
        String orderNo = newOrderNo(fault.toLowerCase());

        OrderServiceUnderTest.Decision decision = awaitOneDecision(orderNo, topics.send(checkout(orderNo, item("milk-tea", 1))));

        OrderRejected rejected = (OrderRejected) decision.event();
        assertThat(rejected.getReasonCode()).isEqualTo("PSP_ORDER_UNRECOVERABLE");
        assertThat(rejected.getReasonMessage()).contains(sandbox.order(orderNo).orElseThrow().reference());
        assertThat(sandbox.ordersHeld(orderNo)).isEqualTo(1);
        assertThat(sandbox.queries(orderNo)).isPositive();
    }

    /**
     * An outcome that stays unknown through every retry: the checkout goes to the dead-letter topic,
     * and the shopper still gets a final answer (REJECTED, CHECKOUT_FAILED) and an operator an alert
     * naming the order. Re-driving the dead letter then decides nothing again.
     */
    @Test
    void anOutcomeThatStaysUnknownEndsRejectedWithAnAlertAndReDrivingItIsSafe() {
        sandbox.faults("{\"rules\":{\"PAY_SERVER_ERROR\":{\"share\":1,\"next\":0},\"QUERY_SERVER_ERROR\":{\"share\":1,\"next\":0}}}");
        String orderNo = newOrderNo("stays-unknown");
        CheckoutRequested checkout = checkout(orderNo, item("green-tea", 1));
        RecordMetadata sent = topics.send(checkout);

        await().atMost(DECISION_WAIT).until(() -> !deadLetters(orderNo).isEmpty());
        ConsumerRecord<String, byte[]> dead = deadLetters(orderNo).getFirst();
        assertThat(dead.topic()).isEqualTo(PaymentTopics.CHECKOUTS.deadLetterTopic());
        assertThat(dead.partition()).isEqualTo(sent.partition());
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(PaymentTopics.CHECKOUTS.name());
        assertThat(header(dead, "kafka_dlt-original-offset")).isNotNull();
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("still unknown");
        OrderRejected rejected = (OrderRejected) awaitOneDecision(orderNo, sent).event();
        assertThat(rejected.getReasonCode()).isEqualTo("CHECKOUT_FAILED");
        await().atMost(DECISION_WAIT).until(() -> !alerts(orderNo).isEmpty());
        CheckoutDeadLettered alert = (CheckoutDeadLettered) alerts(orderNo).getFirst();
        assertThat(alert.getDeadLetterTopic()).isEqualTo(PaymentTopics.CHECKOUTS.deadLetterTopic());
        assertThat(alert.getReason()).contains("still unknown");

        // What the ops tool's re-drive does: the same checkout again, once UseePay answers.
        sandbox.faults("{}");
        long createsBefore = sandbox.creates(orderNo);
        assertThat(awaitOneDecision(orderNo, topics.send(checkout)).event()).as("still the one decision").isEqualTo(rejected);
        assertThat(sandbox.creates(orderNo)).as("the re-drive reached no UseePay").isEqualTo(createsBefore);
    }

    /** A kafka_dlt-* header; spring-kafka writes the offset and partition as binary numbers. */
    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        if (header == null) {
            return null;
        }
        return name.endsWith("offset") || name.endsWith("partition") ? "binary:" + header.value().length
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
