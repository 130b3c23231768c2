package com.merchantpay.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.gateway.support.GatewayInstance;
import com.merchantpay.gateway.support.MiniProgram;
import com.merchantpay.gateway.support.OrderServiceStandIn;
import com.merchantpay.gateway.support.TestIdentities;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** GET /api/v1/orders/{orderNo}: owner only, long-poll woken by the state change. */
class OrderStatusIT {

    private static final GatewayInstance gateway = GatewayInstance.primary();
    private static OrderServiceStandIn orderService;

    private String openId;
    private MiniProgram miniProgram;

    @BeforeAll
    static void openTopics() {
        orderService = new OrderServiceStandIn();
    }

    @AfterAll
    static void closeTopics() {
        orderService.close();
    }

    @BeforeEach
    void newUser() {
        openId = TestIdentities.openId();
        miniProgram = new MiniProgram(gateway, TestIdentities.clientIp(), openId);
    }

    @Test
    void onlyTheOwnerSeesTheOrderOthersGetTheSame404AsForAMissingOne() {
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
    void aLongPollReturnsAsSoonAsTheStateChanges() {
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
    void aLongPollWithoutChangeAnswersTheCurrentStateWhenTheWaitEnds() {
        String orderNo = awaitingPayment();
        long started = System.nanoTime();

        ResponseEntity<String> answer = miniProgram.status(orderNo, 1, "AWAITING_PAYMENT").join();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(MiniProgram.json(answer).get("state").asString()).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void aLongPollWithAStaleKnownStateAnswersAtOnce() {
        String orderNo = awaitingPayment();
        long started = System.nanoTime();

        ResponseEntity<String> answer = miniProgram.status(orderNo, 20, "CREATING").join();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(MiniProgram.json(answer).get("state").asString()).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void moneyAfterCloseShowsClosedWithARefundPending() {
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
    void refundsThatSucceededShowAsPartiallyRefundedThenRefundedWithAmounts() {
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
    void tooManyReadsByOneUserGet429WithRetryAfter() {
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
        String orderNo = orderService.awaitCheckoutOf(openId).getOrderNo();
        orderService.created(orderNo, openId, OrderServiceStandIn.payParameters(orderNo));
        assertThat(answer.join().getStatusCode().value()).isEqualTo(201);
        return orderNo;
    }
}
