package com.merchantpay.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.gateway.support.GatewayInstance;
import com.merchantpay.gateway.support.MiniProgram;
import com.merchantpay.gateway.support.OrderServiceStandIn;
import com.merchantpay.gateway.support.TestIdentities;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What operators get, on the management port only: readiness with its dependencies, and the
 * gateway's Prometheus metrics. The public port (the Mini Program's) serves none of it.
 */
class ObservabilityIT {

    private final GatewayInstance gateway = GatewayInstance.primary();
    private final WebTestClient client = gateway.client(TestIdentities.clientIp());
    private final WebTestClient management = gateway.managementClient();

    @Test
    void thePublicPortAnswersNotFoundForEveryActuatorEndpoint() {
        for (String path : List.of("/actuator", "/actuator/health", "/actuator/health/readiness",
                "/actuator/health/liveness", "/actuator/prometheus", "/actuator/info")) {
            client.get().uri(path).exchange().expectStatus().isNotFound();
            management.get().uri(path).exchange().expectStatus().isOk();
        }
    }

    @Test
    void readinessNamesTheKafkaProducerAndTheOrderView() {
        management.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.kafkaProducer.status").isEqualTo("UP")
                .jsonPath("$.components.orderView.status").isEqualTo("UP");
    }

    @Test
    void loginsCheckoutsWaitTimeAndOpenLongPollsAreExported() {
        client.post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", "short"))
                .exchange().expectStatus().isBadRequest();
        String openId = TestIdentities.openId();
        try (OrderServiceStandIn orderService = new OrderServiceStandIn()) {
            CompletableFuture<ResponseEntity<String>> answer = new MiniProgram(gateway, TestIdentities.clientIp(), openId)
                    .checkOut(TestIdentities.idempotencyKey(), MiniProgram.basket("SKU-1", 1));
            String orderNo = orderService.awaitCheckoutOf(openId).getOrderNo();
            orderService.rejected(orderNo, "UNKNOWN_PRODUCT", "no such product");
            assertThat(answer.join().getStatusCode().value()).isEqualTo(422);
        }

        String metrics = management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics)
                .contains("gateway_logins_total{application=\"gateway-service\",outcome=\"login_code_malformed\"}")
                .contains("gateway_checkouts_total{application=\"gateway-service\",outcome=\"rejected\"}")
                .contains("gateway_checkout_wait_seconds_bucket")
                .contains("gateway_longpolls_open");
    }
}
