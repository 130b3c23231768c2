package com.merchantpay.e2e.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.merchantpay.e2e.stack.OrderEvent;
import com.merchantpay.e2e.stack.RunningStack;
import com.merchantpay.e2e.stack.SandboxAdmin;
import com.merchantpay.e2e.stack.Shopper;
import com.merchantpay.e2e.stack.Shopper.Item;
import com.merchantpay.e2e.stack.Shopper.PlacedOrder;
import com.merchantpay.e2e.stack.WorkflowStack;
import com.merchantpay.schemas.topics.PaymentTopics;
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

        assertThat(order.payment().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("timeStamp", "nonceStr", "package", "signType", "paySign");
        order.payment().forEach(value -> assertThat(value.asText()).isNotBlank());
        assertThat(order.payment().path("package").asText()).startsWith("prepay_id=");

        sandbox.pay(order.orderNo());
        assertThat(shopper.awaitState(order.orderNo(), "PAID", SETTLE).path("state").asText()).isEqualTo("PAID");

        OrderEvent paid = exactlyOneOutcome(order.orderNo(), "PaymentSucceeded");
        assertThat(paid.text("orderNo")).isEqualTo(order.orderNo());
        assertThat(paid.value().get("amountMinor")).isEqualTo(5600L);
        assertThat(paid.text("currency")).isEqualTo("HKD");
        assertThat(paid.text("decidedBy")).isEqualTo("notification");
        assertThat(sandbox.counters(order.orderNo()).path("creates").asInt()).as("one UseePay order per order number").isEqualTo(1);
    }

    @Test
    void checkoutOfAnUnknownProductIsRejectedAndNothingIsPlaced() {
        Shopper shopper = stack.miniProgram().logIn(openId());

        var reply = shopper.checkOut(idempotencyKey(), null, new Item("no-such-product", 1));

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(422);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.body().path("code").asText()).isEqualTo("ORDER_REJECTED");
        assertThat(reply.body().path("reason").path("code").asText()).isEqualTo("UNKNOWN_PRODUCT");
        String orderNo = reply.body().path("orderNo").asText();
        assertThat(shopper.status(orderNo, null, 0).body().path("state").asText()).isEqualTo("REJECTED");
        assertThat(sandbox.order(orderNo)).as("UseePay never heard of it").isEmpty();
        assertThat(stack.eventLog().eventsOf(orderNo, OUTCOMES)).isEmpty();
    }

    @Test
    void unpaidOrderExpiresAndCloses() {
        Shopper shopper = stack.miniProgram().logIn(openId());
        PlacedOrder order = shopper.placeOrder(null, new Item("egg-tart", 3));

        JsonNode closed = shopper.awaitState(order.orderNo(), "CLOSED", stack.scaledOrderExpiry().plus(SETTLE));

        assertThat(closed.path("payment").isMissingNode()).as("no pay values once closed").isTrue();
        assertThat(sandbox.order(order.orderNo()).orElseThrow().path("status").asText()).isEqualTo("closed");
        exactlyOneOutcome(order.orderNo(), "OrderClosed");
    }

    @Test
    void droppedNotificationIsSettledByTheReconciler() {
        Shopper shopper = stack.miniProgram().logIn(openId());
        PlacedOrder order = shopper.placeOrder(null, new Item("milk-tea", 1));
        sandbox.setFaults("""
                {"rules": {"NOTIFY_DROP": {"next": 1}}}""");

        sandbox.pay(order.orderNo());

        assertThat(shopper.awaitState(order.orderNo(), "PAID", SETTLE).path("state").asText()).isEqualTo("PAID");
        JsonNode counters = sandbox.counters(order.orderNo());
        assertThat(counters.path("notificationsDropped").asInt()).as("%s", counters).isEqualTo(1);
        assertThat(counters.path("notificationsAcknowledged").asInt()).as("%s", counters).isZero();
        assertThat(counters.path("queries").asInt()).as("%s", counters).isPositive();
        OrderEvent paid = exactlyOneOutcome(order.orderNo(), "PaymentSucceeded");
        assertThat(paid.text("decidedBy")).isEqualTo("query");
        assertThat(paid.value().get("amountMinor")).isEqualTo(3200L);
    }

    /**
     * The order's outcomes on the topic, once they have stayed put for a while: a duplicate (a
     * second notification, a query racing it) would land within that window.
     */
    private OrderEvent exactlyOneOutcome(String orderNo, String type) {
        List<OrderEvent>[] outcomes = new List[1];
        await("one outcome of " + orderNo).atMost(SETTLE).during(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    outcomes[0] = stack.eventLog().eventsOf(orderNo, OUTCOMES);
                    return outcomes[0].size() == 1;
                });
        assertThat(outcomes[0]).as("outcomes of %s", orderNo).singleElement()
                .satisfies(outcome -> assertThat(outcome.simpleType()).isEqualTo(type));
        return outcomes[0].getFirst();
    }

    private static String openId() {
        return "o-e2e-" + UUID.randomUUID();
    }

    static String idempotencyKey() {
        return "e2e-" + UUID.randomUUID();
    }
}
