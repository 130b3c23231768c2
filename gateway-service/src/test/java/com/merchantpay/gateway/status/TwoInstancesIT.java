package com.merchantpay.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.gateway.support.GatewayInstance;
import com.merchantpay.gateway.support.MiniProgram;
import com.merchantpay.gateway.support.OrderServiceStandIn;
import com.merchantpay.gateway.support.TestIdentities;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Two gateways, no sticky routing: each answers the other's orders, and an instance started after
 * the orders were placed (a restart) rebuilds them from the topics before it reports ready.
 */
class TwoInstancesIT {

    @Test
    void anyInstanceAnswersAnyOrderAlsoRightAfterARestart() {
        GatewayInstance first = GatewayInstance.primary();
        String openId = TestIdentities.openId();
        String key = TestIdentities.idempotencyKey();
        MiniProgram viaFirst = new MiniProgram(first, TestIdentities.clientIp(), openId);
        try (OrderServiceStandIn orderService = new OrderServiceStandIn();
             GatewayInstance second = GatewayInstance.start(Map.of())) {
            MiniProgram viaSecond = new MiniProgram(second, TestIdentities.clientIp(), openId);

            CompletableFuture<ResponseEntity<String>> checkout = viaFirst.checkOut(key, MiniProgram.basket("SKU-1", 1));
            String orderNo = orderService.awaitCheckoutOf(openId).getOrderNo();
            orderService.created(orderNo, openId, OrderServiceStandIn.payParameters(orderNo));
            ResponseEntity<String> answeredByFirst = checkout.join();

            // The retry lands on the other instance: same order, same answer, no second event.
            ResponseEntity<String> answeredBySecond = viaSecond.checkOut(key, MiniProgram.basket("SKU-1", 1)).join();
            assertThat(answeredBySecond.getStatusCode()).isEqualTo(answeredByFirst.getStatusCode());
            assertThat(answeredBySecond.getBody()).isEqualTo(answeredByFirst.getBody());
            assertThat(orderService.checkoutsOf(orderNo)).hasSize(1);

            // A long-poll held by the second instance wakes when the outcome arrives.
            CompletableFuture<ResponseEntity<String>> poll = viaSecond.status(orderNo, 20, "AWAITING_PAYMENT");
            orderService.paid(orderNo);
            assertThat(MiniProgram.json(poll.join()).get("state").asString()).isEqualTo("PAID");

            // A third instance started now knows the order as soon as it is ready.
            try (GatewayInstance restarted = GatewayInstance.start(Map.of())) {
                ResponseEntity<String> status = new MiniProgram(restarted, TestIdentities.clientIp(), openId).status(orderNo, 0, null).join();
                assertThat(status.getStatusCode().value()).isEqualTo(200);
                assertThat(MiniProgram.json(status).get("state").asString()).isEqualTo("PAID");
            }
        }
    }
}
