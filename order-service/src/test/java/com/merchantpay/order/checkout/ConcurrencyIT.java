package com.merchantpay.order.checkout;

import static com.merchantpay.order.support.Checkouts.checkout;
import static com.merchantpay.order.support.OrderServiceUnderTest.decisions;
import static com.merchantpay.order.support.Checkouts.item;
import static com.merchantpay.order.support.Checkouts.newOrderNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.order.psp.PspOrderPlacement;
import com.merchantpay.order.support.OrderServiceUnderTest;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.ConsumerGroups;
import com.merchantpay.order.support.Checkouts;
import com.merchantpay.testsupport.SandboxAdmin;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput is not partitions × UseePay latency: with 3 partitions and a slow UseePay, dozens of
 * pay calls are in flight at once, yet never more than the in-flight bound (backpressure), and still
 * one order and one decision per order number, also across a scale-out and a scale-in (rebalances).
 */
class ConcurrencyIT {

    /** order.checkout.max-in-flight: where the consumer pauses. */
    private static final int IN_FLIGHT_BOUND = 192;

    private final SandboxAdmin sandbox = OrderServiceUnderTest.sandbox().admin();
    private final Checkouts topics = Checkouts.checkouts();

    @BeforeEach
    void slowUseePay() {
        sandbox.reset();
        sandbox.faults("{\"addedLatency\":\"PT0.5S\"}");
    }

    @AfterEach
    void normalUseePay() {
        sandbox.faults("{}");
    }

    @Test
    void manyPayCallsAreInFlightAtOnceButNoMoreThanTheBound() {
        // A reply slower than the client's timeout is an unknown outcome, recovered correctly but with a
        // second pay call: keep this test about concurrency on a busy two-core machine.
        ConfigurableApplicationContext service = OrderServiceUnderTest.restart(java.util.Map.of("useepay.response-timeout", "5s"));
        PspOrderPlacement placement = service.getBean(PspOrderPlacement.class);
        List<CheckoutRequested> checkouts = IntStream.range(0, 400)
                .mapToObj(i -> checkout(newOrderNo("burst"), item("egg-tart", 1 + i % 5))).toList();

        topics.sendAll(checkouts);

        await().atMost(Duration.ofSeconds(60)).until(() -> checkouts.stream().allMatch(c -> !decisions(c.getOrderNo()).isEmpty()));
        assertThat(placement.peakInFlight()).as("peak pay calls in flight").isBetween(64, IN_FLIGHT_BOUND);
        assertThat(checkouts).allSatisfy(c -> {
            assertThat(decisions(c.getOrderNo())).hasSize(1);
            assertThat(sandbox.ordersHeld(c.getOrderNo())).isEqualTo(1);
        });
    }

    @Test
    void scaleOutAndInDuringABurstStillDecidesEachOrderOnce() {
        OrderServiceUnderTest.running();
        List<CheckoutRequested> checkouts = IntStream.range(0, 300)
                .mapToObj(i -> checkout(newOrderNo("rebalance"), item("green-tea", 1))).toList();
        topics.sendAll(checkouts.subList(0, 150));

        try (ConfigurableApplicationContext second = OrderServiceUnderTest.another(java.util.Map.of())) {
            topics.sendAll(checkouts.subList(150, 300));
            await().atMost(Duration.ofSeconds(30)).until(() -> checkouts.stream().filter(c -> !decisions(c.getOrderNo()).isEmpty()).count() > 200);
            OrderServiceUnderTest.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> checkouts.stream().allMatch(c -> !decisions(c.getOrderNo()).isEmpty()));
            ConsumerGroups.shared().awaitCaughtUp(OrderServiceUnderTest.GROUP_ID, List.of(PaymentTopics.CHECKOUTS.name()),
                    Duration.ofSeconds(30));
            OrderServiceUnderTest.topics().readToEnd();
        }

        assertThat(checkouts).allSatisfy(c -> {
            assertThat(decisions(c.getOrderNo())).as(c.getOrderNo()).hasSize(1);
            assertThat(decisions(c.getOrderNo()).getFirst()).isInstanceOf(OrderCreated.class);
            assertThat(sandbox.ordersHeld(c.getOrderNo())).isEqualTo(1);
        });
    }
}
