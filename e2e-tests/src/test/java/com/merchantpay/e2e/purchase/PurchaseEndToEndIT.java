package com.merchantpay.e2e.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.e2e.support.Shopper;
import com.merchantpay.e2e.support.Shopper.Item;
import com.merchantpay.e2e.support.Shopper.PlacedOrder;
import com.merchantpay.e2e.support.WorkflowStack;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SandboxAdmin;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The purchase from the Mini Program's login to the payment event downstream systems read, with
 * every piece a separate process: only the gateway's API, the sandbox's API (WeChat, UseePay and its
 * console) and the topics (plain consumer + registry) are touched.
 */
@ExtendWith(WorkflowStack.class)
class PurchaseEndToEndIT {

    private static final String OUTCOMES = PaymentTopics.OUTCOMES.name();
    /** How long a settled order may take to reach the gateway on this loaded machine. */
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final RunningStack stack;
    private final SandboxAdmin sandbox;

    PurchaseEndToEndIT(RunningStack stack) {
        this.stack = stack;
        this.sandbox = stack.sandbox();
    }

    @AfterEach
    void clearFaults() {
        sandbox.clearFaults();
    }

    @Test
    void paidOrderEndsAsPaidWithExactlyOnePaymentSucceeded() {
        Shopper shopper = stack.miniProgram().logIn(openId());
        PlacedOrder order = shopper.placeOrder(null, new Item("green-tea", 2));

        assertThat(order.payment().propertyNames())
                .containsExactlyInAnyOrder("timeStamp", "nonceStr", "package", "signType", "paySign");
        order.payment().forEach(value -> assertThat(value.asString()).isNotBlank());
        assertThat(order.payment().path("package").asString()).startsWith("prepay_id=");

        assertThat(sandbox.pay(order.orderNo())).as("paid in WeChat").isEqualTo(200);
        assertThat(shopper.awaitState(order.orderNo(), "PAID", SETTLE).path("state").asString()).isEqualTo("PAID");

        OrderEvent paid = exactlyOneOutcome(order.orderNo(), "PaymentSucceeded");
        assertThat(paid.text("orderNo")).isEqualTo(order.orderNo());
        assertThat(paid.value().get("amountMinor")).isEqualTo(5600L);
        assertThat(paid.text("currency")).isEqualTo("HKD");
        assertThat(paid.text("decidedBy")).isEqualTo("notification");
        assertThat(sandbox.counters(order.orderNo()).creates()).as("one UseePay order per order number").isEqualTo(1);
    }

    @Test
    void checkoutOfAnUnknownProductIsRejectedAndNothingIsPlaced() {
        Shopper shopper = stack.miniProgram().logIn(openId());

        var reply = shopper.checkOut(idempotencyKey(), null, new Item("no-such-product", 1));

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(422);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.body().path("code").asString()).isEqualTo("ORDER_REJECTED");
        assertThat(reply.body().path("reason").path("code").asString()).isEqualTo("UNKNOWN_PRODUCT");
        String orderNo = reply.body().path("orderNo").asString();
        assertThat(shopper.status(orderNo, null, 0).body().path("state").asString()).isEqualTo("REJECTED");
        assertThat(sandbox.order(orderNo)).as("UseePay never heard of it").isEmpty();
        assertThat(stack.eventsOf(orderNo, OUTCOMES)).isEmpty();
    }

    @Test
    void unpaidOrderExpiresAndCloses() {
        Shopper shopper = stack.miniProgram().logIn(openId());
        PlacedOrder order = shopper.placeOrder(null, new Item("egg-tart", 3));

        JsonNode closed = shopper.awaitState(order.orderNo(), "CLOSED", stack.scaledOrderExpiry().plus(SETTLE));

        assertThat(closed.path("payment").isMissingNode()).as("no pay values once closed").isTrue();
        assertThat(sandbox.order(order.orderNo()).orElseThrow().status()).isEqualTo("closed");
        exactlyOneOutcome(order.orderNo(), "OrderClosed");
    }

    @Test
    void droppedNotificationIsSettledByTheReconciler() {
        Shopper shopper = stack.miniProgram().logIn(openId());
        PlacedOrder order = shopper.placeOrder(null, new Item("milk-tea", 1));
        sandbox.faults("""
                {"rules": {"NOTIFY_DROP": {"next": 1, "only": "%s"}}}""".formatted(order.orderNo()));

        assertThat(sandbox.pay(order.orderNo())).as("paid in WeChat").isEqualTo(200);

        assertThat(shopper.awaitState(order.orderNo(), "PAID", SETTLE).path("state").asString()).isEqualTo("PAID");
        SandboxAdmin.Counters counters = sandbox.counters(order.orderNo());
        assertThat(counters.notificationsDropped()).as("%s", counters).isEqualTo(1);
        assertThat(counters.notificationsAcknowledged()).as("%s", counters).isZero();
        assertThat(counters.queries()).as("%s", counters).isPositive();
        OrderEvent paid = exactlyOneOutcome(order.orderNo(), "PaymentSucceeded");
        assertThat(paid.text("decidedBy")).isEqualTo("query");
        assertThat(paid.value().get("amountMinor")).isEqualTo(3200L);
    }

    /**
     * The order's one outcome. Seen once, every consumer group that reads the outcome processor's and
     * the reconciler's inputs is waited for until it has committed everything written by then (a
     * second notification, a query racing it, the order's own events): whatever they make of it is on
     * the outcomes topic by then, which is read to its end before counting.
     */
    private OrderEvent exactlyOneOutcome(String orderNo, String type) {
        await("an outcome of " + orderNo).atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                .until(() -> !stack.eventsOf(orderNo, OUTCOMES).isEmpty());
        stack.consumerGroups().awaitEveryReaderCaughtUp(
                List.of(PaymentTopics.ORDERS.name(), PaymentTopics.PSP_FINDINGS.name()), SETTLE);
        List<OrderEvent> outcomes = stack.eventsOf(orderNo, OUTCOMES);
        assertThat(outcomes).as("outcomes of %s", orderNo).singleElement()
                .satisfies(outcome -> assertThat(outcome.simpleType()).isEqualTo(type));
        return outcomes.getFirst();
    }

    private static String openId() {
        return "o-e2e-" + UUID.randomUUID();
    }

    static String idempotencyKey() {
        return "e2e-" + UUID.randomUUID();
    }
}
