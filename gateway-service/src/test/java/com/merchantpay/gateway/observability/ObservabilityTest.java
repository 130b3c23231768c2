package com.merchantpay.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.gateway.fixture.EventTap;
import com.merchantpay.gateway.fixture.GatewayInstance;
import com.merchantpay.gateway.fixture.MiniProgram;
import com.merchantpay.gateway.fixture.OrderServiceStandIn;
import com.merchantpay.gateway.fixture.TestIdentities;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What operators get: readiness with its two dependencies, and the gateway's Prometheus metrics. */
class ObservabilityTest {

    private final GatewayInstance gateway = GatewayInstance.primary();
    private final WebTestClient client = gateway.client(TestIdentities.clientIp());

    @Test
    void readiness_names_the_kafka_producer_and_the_order_view() {
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.kafkaProducer.status").isEqualTo("UP")
                .jsonPath("$.components.orderView.status").isEqualTo("UP");
    }

    @Test
    void logins_checkouts_wait_time_and_open_long_polls_are_exported() {
        client.post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", "short"))
                .exchange().expectStatus().isBadRequest();
        String openId = TestIdentities.openId();
        try (EventTap checkouts = new EventTap(PaymentTopics.CHECKOUTS.name()); OrderServiceStandIn orderService = new OrderServiceStandIn()) {
            CompletableFuture<ResponseEntity<String>> answer = new MiniProgram(gateway, TestIdentities.clientIp(), openId)
                    .checkOut(TestIdentities.idempotencyKey(), MiniProgram.basket("SKU-1", 1));
            String orderNo = ((CheckoutRequested) checkouts.await(r -> r.value() instanceof CheckoutRequested c
                    && c.getOpenId().equals(openId)).value()).getOrderNo();
            orderService.rejected(orderNo, "UNKNOWN_PRODUCT", "no such product");
            assertThat(answer.join().getStatusCode().value()).isEqualTo(422);
        }

        String metrics = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics)
                .contains("gateway_logins_total{application=\"gateway-service\",outcome=\"login_code_malformed\"}")
                .contains("gateway_checkouts_total{application=\"gateway-service\",outcome=\"rejected\"}")
                .contains("gateway_checkout_wait_seconds_bucket")
                .contains("gateway_longpolls_open");
    }
}
