package com.merchantpay.e2e.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import com.merchantpay.e2e.support.OpsTool;
import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.e2e.support.Shopper;
import com.merchantpay.e2e.support.Shopper.Item;
import com.merchantpay.e2e.support.Shopper.PlacedOrder;
import com.merchantpay.e2e.support.WorkflowStack;
import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.kafka.KafkaClients;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.testsupport.SandboxAdmin.PspRefund;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Money goes back exactly once, with every piece a separate process against the sandbox's UseePay:
 * a payment that lands after its order closed is refunded by itself; operators refund in parts up
 * to what was paid and the ledger refuses more; a refund call that times out, a lost, duplicated or
 * forged refund notification never make a second refund or a second outcome. "Once" is read after
 * every consumer group has committed past everything written, not from a quiet window.
 */
@ExtendWith(WorkflowStack.class)
class RefundEndToEndIT {

    private static final String OUTCOMES = PaymentTopics.OUTCOMES.name();
    private static final String REFUNDS = PaymentTopics.REFUNDS.name();
    private static final Duration SETTLE = Duration.ofSeconds(90);
    /** Two green teas. */
    private static final long PAID = 5_600;

    private final RunningStack stack;
    private final SandboxAdmin sandbox;

    RefundEndToEndIT(RunningStack stack) {
        this.stack = stack;
        this.sandbox = stack.sandbox();
    }

    @AfterEach
    void clearFaults() {
        sandbox.clearFaults();
    }

    @Test
    void aPaymentThatLandsAfterTheOrderClosedIsRefundedOnceWithoutAnOperator() {
        sandbox.faults("""
                {"paidAfterClose": true}""");
        Shopper shopper = stack.miniProgram().logIn(openId());
        PlacedOrder order = shopper.placeOrder(null, new Item("green-tea", 2));

        JsonNode refunded = awaitStatus(shopper, order.orderNo(), "REFUNDED", stack.scaledOrderExpiry().plus(SETTLE));

        assertThat(refunded.path("paidMinor").asLong()).isEqualTo(PAID);
        assertThat(refunded.path("refundedMinor").asLong()).isEqualTo(PAID);
        assertThat(refunded.has("refundPending")).as("no longer pending once refunded: %s", refunded).isFalse();
        PspRefund refund = onlyRefundAtUseePay(order.orderNo());
        assertThat(refund.amountMinor()).isEqualTo(PAID);
        caughtUp();
        List<String> outcomes = types(order.orderNo(), OUTCOMES);
        assertThat(outcomes).containsExactly("OrderClosed", "RefundRequired", "RefundSucceeded");
        OrderEvent succeeded = only(order.orderNo(), OUTCOMES, "RefundSucceeded");
        assertThat(succeeded.text("refundId")).isEqualTo(refund.refundNo());
        assertThat(sandbox.counters(succeeded.text("refundId")).refundsMade()).isEqualTo(1);
    }

    @Test
    void operatorsRefundInPartsUpToWhatWasPaidAndTheLedgerRefusesOnePastIt() {
        Shopper shopper = stack.miniProgram().logIn(openId());
        String orderNo = paidOrder(shopper);

        OpsTool.Run first = ops("refund", orderNo, "--amount", "2000", "--reason", "box arrived damaged", "--operator", "e2e-ops",
                "--yes", "--wait", "60");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).contains("approved");
        JsonNode partly = awaitStatus(shopper, orderNo, "PARTIALLY_REFUNDED", SETTLE);
        assertThat(partly.path("refundedMinor").asLong()).isEqualTo(2_000);

        // A request written past the tool's own check (a stale view, another tool): the ledger refuses it.
        String tooMuch = EventIds.refundId(orderNo, "e2e-past-refundable");
        requestRefund(orderNo, tooMuch, 4_000);
        OrderEvent refused = await("refusal of " + tooMuch).atMost(SETTLE).until(
                () -> stack.eventsOf(orderNo, REFUNDS).stream()
                        .filter(event -> event.simpleType().equals("RefundRefused") && event.text("refundId").equals(tooMuch))
                        .findFirst(), found -> found.isPresent()).orElseThrow();
        assertThat(refused.text("code")).isEqualTo("EXCEEDS_REFUNDABLE");

        OpsTool.Run rest = ops("refund", orderNo, "--reason", "goodwill", "--operator", "e2e-ops", "--yes", "--wait", "60");
        assertThat(rest.exit()).as(rest.toString()).isZero();
        assertThat(rest.out()).contains("refund RF").contains(" of 3600 HKD");
        JsonNode all = awaitStatus(shopper, orderNo, "REFUNDED", SETTLE);
        assertThat(all.path("refundedMinor").asLong()).isEqualTo(PAID);

        OpsTool.Run more = ops("refund", orderNo, "--amount", "1", "--reason", "one more", "--operator", "e2e-ops", "--yes");
        assertThat(more.exit()).as(more.toString()).isEqualTo(2);

        caughtUp();
        List<PspRefund> atUseePay = sandbox.refundsOf(orderNo);
        assertThat(atUseePay).extracting(PspRefund::amountMinor).containsExactlyInAnyOrder(2_000L, 3_600L);
        assertThat(atUseePay).noneMatch(refund -> refund.refundNo().equals(tooMuch));
        assertThat(types(orderNo, OUTCOMES)).containsExactly("PaymentSucceeded", "RefundSucceeded", "RefundSucceeded");
        assertThat(sandbox.order(orderNo).orElseThrow().refundedMinor()).isEqualTo(PAID);
    }

    @Test
    void aRefundCallThatTimesOutIsResolvedByQueryAndMadeOnce() {
        Shopper shopper = stack.miniProgram().logIn(openId());
        String orderNo = paidOrder(shopper);
        // Held well past order-service's 3 s response timeout: the refund is made, its answer lost.
        sandbox.faults("""
                {"rules": {"REFUND_TIMEOUT": {"next": 1}}, "stall": "PT8S"}""");

        OpsTool.Run refund = ops("refund", orderNo, "--reason", "timeout test", "--operator", "e2e-ops", "--yes", "--wait", "0");
        assertThat(refund.exit()).as(refund.toString()).isZero();

        awaitStatus(shopper, orderNo, "REFUNDED", SETTLE);
        String refundId = onlyRefundAtUseePay(orderNo).refundNo();
        SandboxAdmin.Counters counters = sandbox.counters(refundId);
        assertThat(counters.refundsMade()).as("%s", counters).isEqualTo(1);
        assertThat(counters.queries()).as("the unknown outcome was asked about: %s", counters).isPositive();
        caughtUp();
        assertThat(types(orderNo, OUTCOMES)).containsExactly("PaymentSucceeded", "RefundSucceeded");
    }

    @Test
    void aLostRefundNotificationIsSettledByReconciliation() {
        Shopper shopper = stack.miniProgram().logIn(openId());
        String orderNo = paidOrder(shopper);
        sandbox.faults("""
                {"rules": {"NOTIFY_DROP": {"next": 1, "only": "%s"}}}""".formatted(orderNo));

        ops("refund", orderNo, "--reason", "lost notification test", "--operator", "e2e-ops", "--yes", "--wait", "0");

        awaitStatus(shopper, orderNo, "REFUNDED", SETTLE);
        String refundId = onlyRefundAtUseePay(orderNo).refundNo();
        SandboxAdmin.Counters counters = sandbox.counters(refundId);
        assertThat(counters.notificationsDropped()).as("%s", counters).isEqualTo(1);
        assertThat(counters.notificationsAcknowledged()).as("%s", counters).isZero();
        caughtUp();
        assertThat(only(orderNo, OUTCOMES, "RefundSucceeded").text("decidedBy")).isEqualTo("query");
    }

    @Test
    void aDuplicatedOrForgedRefundNotificationMakesNoSecondOutcome() {
        Shopper shopper = stack.miniProgram().logIn(openId());
        String orderNo = paidOrder(shopper);

        String duplicated = refundUnder(orderNo, 1_000, "duplicate", """
                {"rules": {"NOTIFY_DUPLICATE": {"next": 1, "only": "%s"}}}""".formatted(orderNo));
        await("duplicate of " + duplicated + " delivered").atMost(SETTLE)
                .until(() -> sandbox.counters(duplicated).notificationsAcknowledged() >= 2);
        String forged = refundUnder(orderNo, 1_000, "forged", """
                {"rules": {"NOTIFY_BAD_SIGNATURE": {"next": 1, "only": "%s"}}}""".formatted(orderNo));
        String wrongAmount = refundUnder(orderNo, 3_600, "wrong amount", """
                {"rules": {"NOTIFY_WRONG_AMOUNT": {"next": 1, "only": "%s"}}}""".formatted(orderNo));

        awaitStatus(shopper, orderNo, "REFUNDED", SETTLE);
        assertThat(sandbox.counters(forged).forgedNotificationsSent()).isEqualTo(1);
        assertThat(sandbox.counters(wrongAmount).forgedNotificationsSent()).isEqualTo(1);
        caughtUp();
        List<OrderEvent> refunds = stack.eventsOf(orderNo, OUTCOMES).stream()
                .filter(event -> event.simpleType().equals("RefundSucceeded")).toList();
        assertThat(refunds).extracting(event -> event.text("refundId")).containsExactlyInAnyOrder(duplicated, forged, wrongAmount);
        assertThat(refunds).extracting(event -> (Long) event.value().get("amountMinor")).containsExactlyInAnyOrder(1_000L, 1_000L, 3_600L);
        assertThat(types(orderNo, OUTCOMES)).filteredOn(type -> !type.equals("RefundSucceeded")).containsExactly("PaymentSucceeded");
    }

    /** One operator refund made while {@code faults} hold for its notification; returns the refund's id once it succeeded. */
    private String refundUnder(String orderNo, long amount, String reason, String faults) {
        sandbox.faults(faults);
        OpsTool.Run run = ops("refund", orderNo, "--amount", Long.toString(amount), "--reason", reason, "--operator", "e2e-ops",
                "--yes", "--wait", "60");
        assertThat(run.exit()).as(run.toString()).isZero();
        String refundId = EventIds.refundId(orderNo, "operator:e2e-ops|" + amount + "|" + reason);
        await("refund " + refundId + " succeeded").atMost(SETTLE).until(() -> stack.eventsOf(orderNo, OUTCOMES).stream()
                .anyMatch(event -> event.simpleType().equals("RefundSucceeded") && event.text("refundId").equals(refundId)));
        sandbox.clearFaults();
        return refundId;
    }

    private String paidOrder(Shopper shopper) {
        PlacedOrder order = shopper.placeOrder(null, new Item("green-tea", 2));
        assertThat(sandbox.pay(order.orderNo())).as("paid in WeChat").isEqualTo(200);
        shopper.awaitState(order.orderNo(), "PAID", SETTLE);
        return order.orderNo();
    }

    /** Polls the status as the Mini Program shows it until {@code state}; refunds follow PAID, so no fail-fast on PAID. */
    private static JsonNode awaitStatus(Shopper shopper, String orderNo, String state, Duration atMost) {
        return await(orderNo + " " + state).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> shopper.status(orderNo, null, 0).body(), body -> state.equals(body.path("state").asString()));
    }

    private PspRefund onlyRefundAtUseePay(String orderNo) {
        List<PspRefund> refunds = sandbox.refundsOf(orderNo);
        assertThat(refunds).as("UseePay's refunds of %s", orderNo).hasSize(1);
        assertThat(refunds.getFirst().status()).isEqualTo("succeed");
        return refunds.getFirst();
    }

    /** Every consumer group of the findings, queries and refund topics has committed past what is on them now. */
    private void caughtUp() {
        stack.consumerGroups().awaitEveryReaderCaughtUp(List.of(PaymentTopics.PSP_FINDINGS.name(),
                PaymentTopics.PSP_QUERIES.name(), PaymentTopics.REFUND_REQUESTS.name(), REFUNDS), SETTLE);
    }

    private List<String> types(String orderNo, String topic) {
        return stack.eventsOf(orderNo, topic).stream().map(OrderEvent::simpleType).toList();
    }

    private OrderEvent only(String orderNo, String topic, String type) {
        List<OrderEvent> events = stack.eventsOf(orderNo, topic).stream()
                .filter(event -> event.simpleType().equals(type)).toList();
        assertThat(events).as("%s of %s", type, orderNo).hasSize(1);
        return events.getFirst();
    }

    /** A refund request straight onto the topic, as the services' serializer writes it. */
    private void requestRefund(String orderNo, String refundId, long amount) {
        RefundRequested request = RefundRequested.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "RefundRequested", refundId)).setOccurredAt(Instant.now())
                .setOrderNo(orderNo).setTraceId(UUID.randomUUID().toString()).setRefundId(refundId).setAmountMinor(amount)
                .setCurrency("HKD").setReason("e2e: past what is refundable").setRequestedBy("e2e").build();
        var config = KafkaClients.eventProducer(stack.localStack().bootstrapServers(), stack.localStack().registryUrl(),
                Duration.ofSeconds(30), Duration.ofSeconds(60));
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(PaymentTopics.REFUND_REQUESTS.name(), orderNo, request)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write the refund request", e);
        }
    }

    private OpsTool.Run ops(String... args) {
        return new OpsTool(stack.localStack().bootstrapServers(), stack.localStack().registryUrl()).run(args);
    }

    private static String openId() {
        return "o-e2e-refund-" + UUID.randomUUID();
    }
}
