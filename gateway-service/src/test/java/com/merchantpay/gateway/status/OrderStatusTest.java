package com.merchantpay.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.gateway.fixture.EventTap;
import com.merchantpay.gateway.fixture.GatewayInstance;
import com.merchantpay.gateway.fixture.MiniProgram;
import com.merchantpay.gateway.fixture.OrderServiceStandIn;
import com.merchantpay.gateway.fixture.TestIdentities;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** GET /api/v1/orders/{orderNo}: owner only, long-poll woken by the state change. */
class OrderStatusTest {

    private static final GatewayInstance gateway = GatewayInstance.primary();
    private static EventTap checkouts;
    private static OrderServiceStandIn orderService;

    private String openId;
    private MiniProgram miniProgram;

    @BeforeAll
    static void openTopics() {
        checkouts = new EventTap(PaymentTopics.CHECKOUTS.name());
        orderService = new OrderServiceStandIn();
    }

    @AfterAll
    static void closeTopics() {
        checkouts.close();
        orderService.close();
    }

    @BeforeEach
    void newUser() {
        openId = TestIdentities.openId();
        miniProgram = new MiniProgram(gateway, TestIdentities.clientIp(), openId);
    }

    @Test
    void only_the_owner_sees_the_order_others_get_the_same_404_as_for_a_missing_one() {
        String orderNo = awaitingPayment();
        MiniProgram stranger = new MiniProgram(gateway, TestIdentities.clientIp(), TestIdentities.openId());

        ResponseEntity<String> mine = miniProgram.status(orderNo, 0, null).join();
        ResponseEntity<String> theirs = stranger.status(orderNo, 0, null).join();
        ResponseEntity<String> missing = stranger.status("MPNOSUCHORDER", 0, null).join();

        assertThat(mine.getStatusCode().value()).isEqualTo(200);
        assertThat(MiniProgram.json(mine).get("state").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(MiniProgram.json(mine).get("payment").get("package").asString()).startsWith("prepay_id=");
        assertThat(theirs.getStatusCode().value()).isEqualTo(404);
        assertThat(MiniProgram.json(theirs).get("code").asString()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(MiniProgram.json(theirs).get("detail")).isEqualTo(MiniProgram.json(missing).get("detail"));
    }

    @Test
    void a_long_poll_returns_as_soon_as_the_state_changes() {
        String orderNo = awaitingPayment();
        long started = System.nanoTime();
        CompletableFuture<ResponseEntity<String>> poll = miniProgram.status(orderNo, 20, "AWAITING_PAYMENT");
        // Held: the state has not changed yet.
        org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(10))
                .until(() -> gateway.bean(OrderView.class).openWaits() > 0);
        assertThat(poll).isNotDone();

        orderService.paid(orderNo);
        ResponseEntity<String> answer = poll.join();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(MiniProgram.json(answer).get("state").asString()).isEqualTo("PAID");
        assertThat(MiniProgram.json(answer).has("payment")).isFalse();
    }

    @Test
    void a_long_poll_without_change_answers_the_current_state_when_the_wait_ends() {
        String orderNo = awaitingPayment();
        long started = System.nanoTime();

        ResponseEntity<String> answer = miniProgram.status(orderNo, 1, "AWAITING_PAYMENT").join();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(MiniProgram.json(answer).get("state").asString()).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void a_long_poll_with_a_stale_known_state_answers_at_once() {
        String orderNo = awaitingPayment();
        long started = System.nanoTime();

        ResponseEntity<String> answer = miniProgram.status(orderNo, 20, "CREATING").join();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(MiniProgram.json(answer).get("state").asString()).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void money_after_close_shows_closed_with_a_refund_pending() {
        String orderNo = awaitingPayment();
        orderService.closed(orderNo);
        orderService.refundRequired(orderNo);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                MiniProgram.json(miniProgram.status(orderNo, 0, null).join()).has("refundPending"));
        ResponseEntity<String> answer = miniProgram.status(orderNo, 0, null).join();

        assertThat(MiniProgram.json(answer).get("state").asString()).isEqualTo("CLOSED");
        assertThat(MiniProgram.json(answer).get("refundPending").asBoolean()).isTrue();
    }

    @Test
    void refunds_that_succeeded_show_as_partially_refunded_then_refunded_with_amounts() {
        String orderNo = awaitingPayment();
        orderService.paid(orderNo);
        orderService.refunded(orderNo, "RF1", 300, 300);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                "PARTIALLY_REFUNDED".equals(MiniProgram.json(miniProgram.status(orderNo, 0, null).join()).get("state").asString()));
        var partly = MiniProgram.json(miniProgram.status(orderNo, 0, null).join());
        assertThat(partly.get("paidMinor").asLong()).isEqualTo(1000);
        assertThat(partly.get("refundedMinor").asLong()).isEqualTo(300);
        assertThat(partly.get("currency").asString()).isEqualTo("HKD");

        orderService.refunded(orderNo, "RF2", 700, 1000);

        ResponseEntity<String> answer = miniProgram.status(orderNo, 10, "PARTIALLY_REFUNDED").join();
        assertThat(MiniProgram.json(answer).get("state").asString()).isEqualTo("REFUNDED");
        assertThat(MiniProgram.json(answer).get("refundedMinor").asLong()).isEqualTo(1000);
    }

    @Test
    void too_many_reads_by_one_user_get_429_with_retry_after() {
        // The bucket refills evenly (30 a minute), so a slow run may squeeze in a few more than 30.
        int answered = 0;
        ResponseEntity<String> last = miniProgram.status("MPNOSUCHORDER", 0, null).join();
        while (last.getStatusCode().value() == 404 && answered < GatewayInstance.PER_OPENID_CAPACITY + 10) {
            answered++;
            last = miniProgram.status("MPNOSUCHORDER", 0, null).join();
        }
        assertThat(answered).isBetween(GatewayInstance.PER_OPENID_CAPACITY, GatewayInstance.PER_OPENID_CAPACITY + 9);
        assertThat(last.getStatusCode().value()).isEqualTo(429);
        assertThat(last.getHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(MiniProgram.json(last).get("code").asString()).isEqualTo("RATE_LIMITED");
    }

    /** A checkout through the gateway, answered by the order-service stand-in. */
    private String awaitingPayment() {
        CompletableFuture<ResponseEntity<String>> answer = miniProgram.checkOut(TestIdentities.idempotencyKey(), MiniProgram.basket("SKU-1", 1));
        String orderNo = ((CheckoutRequested) checkouts.await(r -> r.value() instanceof CheckoutRequested c
                && c.getOpenId().equals(openId)).value()).getOrderNo();
        orderService.created(orderNo, openId, OrderServiceStandIn.payParameters(orderNo));
        assertThat(answer.join().getStatusCode().value()).isEqualTo(201);
        return orderNo;
    }
}
