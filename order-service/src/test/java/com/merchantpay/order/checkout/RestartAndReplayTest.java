package com.merchantpay.order.checkout;

import static com.merchantpay.order.checkout.CheckoutFlowTest.DECISION_WAIT;
import static com.merchantpay.order.checkout.CheckoutFlowTest.awaitOneDecision;
import static com.merchantpay.order.support.OrderTopics.checkout;
import static com.merchantpay.order.support.OrderTopics.item;
import static com.merchantpay.order.support.OrderTopics.newOrderNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.order.support.OrderServiceUnderTest;
import com.merchantpay.order.support.OrderTopics;
import com.merchantpay.order.support.SandboxFixture;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service dies (its context is closed) while UseePay holds a {@code pay} call, and starts again;
 * and a new consumer group replays the checkouts topic from the beginning. Neither may create a
 * second UseePay order nor a second decision.
 */
class RestartAndReplayTest {

    /** No waiting for in-flight work on shutdown: the closest a context close gets to a kill. */
    private static final Map<String, Object> NO_DRAIN = Map.of("order.checkout.drain-timeout", "0ms");

    private final SandboxFixture sandbox = SandboxFixture.sandbox();
    private final OrderTopics topics = OrderTopics.topics();

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

        OrderCreated created = (OrderCreated) awaitOneDecision(orderNo, sent).value();
        assertThat(sandbox.ordersHeld(orderNo)).isEqualTo(1);
        assertThat(created.getPspReference()).isEqualTo(sandbox.reference(orderNo));
    }

    @Test
    void killedRightAfterPayThenRestartedRejectingUseePayEndsInOneUnrecoverableRejection() {
        String orderNo = newOrderNo("restart-reject");
        RecordMetadata sent = killDuringPay(orderNo, "REJECT");

        OrderServiceUnderTest.restart(Map.of());

        OrderRejected rejected = (OrderRejected) awaitOneDecision(orderNo, sent).value();
        assertThat(rejected.getReasonCode()).isEqualTo("PSP_ORDER_UNRECOVERABLE");
        assertThat(sandbox.ordersHeld(orderNo)).isEqualTo(1);
    }

    @Test
    void replayingTheCheckoutsTopicFromTheBeginningCreatesNothingNew() {
        OrderServiceUnderTest.restart(Map.of());
        String created = newOrderNo("replay-created");
        String rejected = newOrderNo("replay-rejected");
        CheckoutRequested repeated = checkout(created, item("green-tea", 1));
        awaitOneDecision(created, topics.send(repeated));
        awaitOneDecision(created, topics.send(repeated));
        awaitOneDecision(rejected, topics.send(checkout(rejected, item("no-such-thing", 1))));
        long createsBefore = sandbox.totalCreates();
        int decisionsBefore = OrderTopics.decisionCount();

        String replayGroup = SharedInfrastructure.uniqueGroupId("order-service-replay");
        OrderServiceUnderTest.restart(Map.of("spring.kafka.consumer.group-id", replayGroup));

        await().atMost(DECISION_WAIT).until(() -> OrderTopics.caughtUp(replayGroup));
        assertThat(sandbox.totalCreates()).as("pay calls during the replay").isEqualTo(createsBefore);
        assertThat(OrderTopics.decisionCount()).as("decisions on the orders topic").isEqualTo(decisionsBefore);
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

        await().atMost(DECISION_WAIT).until(() -> OrderTopics.committedPast(OrderServiceUnderTest.GROUP_ID, sent));
        assertThat(OrderTopics.decisions(orderNo)).isEmpty();
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

        assertThat(OrderTopics.decisions(orderNo)).as("nothing decided before the kill").isEmpty();
        sandbox.faults("{\"duplicateCreate\":\"" + duplicateCreate + "\"}");
        return sent;
    }
}
