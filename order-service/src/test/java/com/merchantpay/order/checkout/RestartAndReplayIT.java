package com.merchantpay.order.checkout;

import static com.merchantpay.order.support.OrderServiceUnderTest.DECISION_WAIT;
import static com.merchantpay.order.support.OrderServiceUnderTest.awaitOneDecision;
import static com.merchantpay.order.support.Checkouts.checkout;
import static com.merchantpay.order.support.Checkouts.item;
import static com.merchantpay.order.support.Checkouts.newOrderNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.order.support.OrderServiceUnderTest;
import com.merchantpay.order.support.Checkouts;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.ConsumerGroups;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service dies (its context is closed) while UseePay holds a {@code pay} call, and starts again;
 * and a new consumer group reads the horizon's checkouts again. Neither may create a
 * second UseePay order nor a second decision.
 */
class RestartAndReplayIT {

    /** No waiting for in-flight work on shutdown: the closest a context close gets to a kill. */
    private static final Map<String, Object> NO_DRAIN = Map.of("order.checkout.drain-timeout", "0ms");

    private final SandboxAdmin sandbox = OrderServiceUnderTest.sandbox().admin();
    private final Checkouts topics = Checkouts.checkouts();

    @BeforeEach
    void cleanSandbox() {
        sandbox.reset();
    }

    @AfterEach
    void faultsOff() {
        sandbox.faults("{}");
    }

    @AfterAll
    static void backToTheDefaultInstance() {
        OrderServiceUnderTest.stop();
    }

    @Test
    void killedRightAfterPayThenRestartedIdempotentUseePayHandsTheOrderBack() {
        String orderNo = newOrderNo("restart-idem");
        RecordMetadata sent = killDuringPay(orderNo, "IDEMPOTENT");

        OrderServiceUnderTest.restart(Map.of());

        OrderCreated created = (OrderCreated) awaitOneDecision(orderNo, sent).event();
        assertThat(sandbox.ordersHeld(orderNo)).isEqualTo(1);
        assertThat(created.getPspReference()).isEqualTo(sandbox.order(orderNo).orElseThrow().reference());
    }

    @Test
    void killedRightAfterPayThenRestartedRejectingUseePayEndsInOneUnrecoverableRejection() {
        String orderNo = newOrderNo("restart-reject");
        RecordMetadata sent = killDuringPay(orderNo, "REJECT");

        OrderServiceUnderTest.restart(Map.of());

        OrderRejected rejected = (OrderRejected) awaitOneDecision(orderNo, sent).event();
        assertThat(rejected.getReasonCode()).isEqualTo("PSP_ORDER_UNRECOVERABLE");
        assertThat(sandbox.ordersHeld(orderNo)).isEqualTo(1);
    }

    @Test
    void aNewGroupReadingTheHorizonAgainCreatesNothingNew() {
        OrderServiceUnderTest.restart(Map.of());
        String created = newOrderNo("replay-created");
        String rejected = newOrderNo("replay-rejected");
        CheckoutRequested repeated = checkout(created, item("green-tea", 1));
        awaitOneDecision(created, topics.send(repeated));
        awaitOneDecision(created, topics.send(repeated));
        awaitOneDecision(rejected, topics.send(checkout(rejected, item("no-such-thing", 1))));
        long createsBefore = sandbox.totalCreates();
        OrderServiceUnderTest.topics().readToEnd();
        int decisionsBefore = OrderServiceUnderTest.topics().count(PaymentTopics.ORDERS.name());

        String replayGroup = SharedInfrastructure.uniqueGroupId("order-service-replay");
        OrderServiceUnderTest.restart(Map.of("spring.kafka.consumer.group-id", replayGroup));

        ConsumerGroups.shared().awaitCaughtUp(replayGroup, List.of(PaymentTopics.CHECKOUTS.name()), DECISION_WAIT);
        OrderServiceUnderTest.topics().readToEnd();
        assertThat(sandbox.totalCreates()).as("pay calls during the replay").isEqualTo(createsBefore);
        assertThat(OrderServiceUnderTest.topics().count(PaymentTopics.ORDERS.name())).as("decisions on the orders topic")
                .isEqualTo(decisionsBefore);
    }

    /**
     * A checkout older than the horizon (order.checkout.max-age, 24 h) is history: an operator's
     * replay of last month, say. It reaches no UseePay and decides nothing, whatever the ledger holds.
     */
    @Test
    void aCheckoutOlderThanTheHorizonIsNeverPlaced() {
        OrderServiceUnderTest.restart(Map.of());
        String orderNo = newOrderNo("from-history");

        RecordMetadata sent = topics.sendWrittenAt(checkout(orderNo, item("green-tea", 1)), Instant.now().minus(Duration.ofHours(25)));

        OrderServiceUnderTest.awaitDoneWith(sent);
        assertThat(OrderServiceUnderTest.decisions(orderNo)).isEmpty();
        assertThat(sandbox.creates(orderNo)).isZero();
    }

    /**
     * A group that never committed (a first start, a new deployment's group) starts at the horizon
     * and commits where it began on every partition it was given, at once: "read past this record"
     * and its lag are known before the partition's first checkout. The old checkout is never placed.
     */
    @Test
    void aNewGroupCommitsWhereItBeganBeforeItsFirstCheckout() {
        String orderNo = newOrderNo("before-the-group");
        RecordMetadata old = topics.sendWrittenAt(checkout(orderNo, item("green-tea", 1)), Instant.now().minus(Duration.ofHours(25)));
        String newGroup = SharedInfrastructure.uniqueGroupId("order-service-new");

        OrderServiceUnderTest.restart(Map.of("spring.kafka.consumer.group-id", newGroup));

        ConsumerGroups.shared().awaitCommittedPast(newGroup, old, DECISION_WAIT);
        ConsumerGroups.shared().awaitCaughtUp(newGroup, List.of(PaymentTopics.CHECKOUTS.name()), DECISION_WAIT);
        OrderServiceUnderTest.topics().readToEnd();
        assertThat(OrderServiceUnderTest.decisions(orderNo)).isEmpty();
        assertThat(sandbox.creates(orderNo)).isZero();
    }

    /**
     * Starts a pay call that UseePay holds (the order already exists), then closes the service. Queries
     * time out too meanwhile, so the dying instance cannot finish the recovery on its way down.
     */
    private RecordMetadata killDuringPay(String orderNo, String duplicateCreate) {
        OrderServiceUnderTest.restart(NO_DRAIN);
        sandbox.faults("{\"rules\":{\"PAY_TIMEOUT\":{\"share\":0,\"next\":1},\"QUERY_TIMEOUT\":{\"share\":1,\"next\":0}},"
                + "\"stall\":\"PT10S\",\"duplicateCreate\":\"" + duplicateCreate + "\"}");
        RecordMetadata sent = topics.send(checkout(orderNo, item("egg-tart", 4)));
        await().atMost(DECISION_WAIT).until(() -> sandbox.creates(orderNo) == 1);

        OrderServiceUnderTest.stop();

        assertThat(OrderServiceUnderTest.decisions(orderNo)).as("nothing decided before the kill").isEmpty();
        sandbox.faults("{\"duplicateCreate\":\"" + duplicateCreate + "\"}");
        return sent;
    }
}
