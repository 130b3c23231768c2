package com.merchantpay.gateway.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.WxPaymentParameters;
import com.merchantpay.gateway.support.GatewayInstance;
import com.merchantpay.gateway.support.MiniProgram;
import com.merchantpay.gateway.support.OrderServiceStandIn;
import com.merchantpay.gateway.support.TestIdentities;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.tracing.KafkaObservations;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/orders: the event, the wait for order-service's verdict, and idempotency. */
class CheckoutIT {

    private static final GatewayInstance gateway = GatewayInstance.primary();
    private static OrderServiceStandIn orderService;

    private String openId;
    private String clientIp;
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
        clientIp = TestIdentities.clientIp();
        miniProgram = new MiniProgram(gateway, clientIp, openId);
    }

    @Test
    void orderCreatedInTimeAnswers201WithTheFivePayValuesUnchanged() {
        String traceId = TestIdentities.hex(16);
        CompletableFuture<ResponseEntity<String>> answer = gateway.reactiveClient(clientIp).post().uri("/api/v1/orders")
                .header("Authorization", "Bearer " + GatewayInstance.tokenFor(openId))
                .header("Idempotency-Key", TestIdentities.idempotencyKey())
                .header("traceparent", "00-" + traceId + "-" + TestIdentities.hex(8) + "-01")
                .header("Content-Type", "application/json")
                .bodyValue(Map.of("items", List.of(Map.of("productId", "SKU-1", "quantity", 2), Map.of("productId", "SKU-2", "quantity", 1))))
                .exchangeToMono(response -> response.toEntity(String.class)).toFuture();

        ConsumerRecord<String, byte[]> record = orderService.awaitCheckoutRecordOf(openId);
        CheckoutRequested requested = orderService.awaitCheckoutOf(openId);
        WxPaymentParameters pay = OrderServiceStandIn.payParameters(requested.getOrderNo());
        orderService.created(requested.getOrderNo(), openId, pay);
        ResponseEntity<String> response = answer.join();

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(response.getHeaders().getFirst("X-Trace-Id")).as("the trace id, for support").isEqualTo(traceId);
        JsonNode body = MiniProgram.json(response);
        assertThat(body.get("orderNo").asString()).isEqualTo(requested.getOrderNo()).matches("MP[A-Z2-7]{30}");
        assertThat(body.get("state").asString()).isEqualTo("AWAITING_PAYMENT");
        JsonNode payment = body.get("payment");
        assertThat(payment.get("timeStamp").asString()).isEqualTo(pay.getTimeStamp());
        assertThat(payment.get("nonceStr").asString()).isEqualTo(pay.getNonceStr());
        assertThat(payment.get("package").asString()).isEqualTo(pay.getPrepayPackage());
        assertThat(payment.get("signType").asString()).isEqualTo("RSA");
        assertThat(payment.get("paySign").asString()).isEqualTo(pay.getPaySign());
        assertThat(payment.has("prepayPackage")).isFalse();

        assertThat(record.key()).isEqualTo(requested.getOrderNo());
        assertThat(requested.getEventId()).isEqualTo(EventIds.deterministic(requested.getOrderNo(), "CheckoutRequested"));
        assertThat(requested.getTraceId()).isEqualTo(traceId);
        assertThat(new String(record.headers().lastHeader("trace-id").value(), StandardCharsets.UTF_8)).isEqualTo(traceId);
        assertThat(requested.getPayerIp()).isEqualTo(clientIp);
        assertThat(requested.getItems()).extracting(i -> i.getProductId() + "x" + i.getQuantity()).containsExactly("SKU-1x2", "SKU-2x1");
    }

    /** The Mini Program's traceparent → the request's server span → the checkout's producer span → the record. */
    @Test
    void aCheckoutContinuesTheCallersTraceOntoItsRecord() {
        String traceId = TestIdentities.hex(16);
        String callerSpanId = TestIdentities.hex(8);
        CompletableFuture<ResponseEntity<String>> answer = gateway.reactiveClient(clientIp).post().uri("/api/v1/orders")
                .header("Authorization", "Bearer " + GatewayInstance.tokenFor(openId))
                .header("Idempotency-Key", TestIdentities.idempotencyKey())
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .header("Content-Type", "application/json")
                .bodyValue(Map.of("items", List.of(Map.of("productId", "SKU-1", "quantity", 1))))
                .exchangeToMono(response -> response.toEntity(String.class)).toFuture();
        ConsumerRecord<String, byte[]> record = orderService.awaitCheckoutRecordOf(openId);
        String orderNo = record.key();
        orderService.created(orderNo, openId, OrderServiceStandIn.payParameters(orderNo));
        assertThat(answer.join().getHeaders().getFirst("X-Trace-Id")).isEqualTo(traceId);

        List<SpanData>[] spans = new List[1];
        await("the request's and the write's spans").atMost(Duration.ofSeconds(10)).until(() -> {
            spans[0] = gateway.spans().getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
            return spans[0].stream().anyMatch(span -> span.getKind() == SpanKind.SERVER)
                    && spans[0].stream().anyMatch(span -> span.getKind() == SpanKind.PRODUCER);
        });
        SpanData server = spans[0].stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        SpanData write = spans[0].stream().filter(span -> span.getKind() == SpanKind.PRODUCER).findFirst().orElseThrow();
        assertThat(server.getParentSpanId()).as("the request continues the caller's span").isEqualTo(callerSpanId);
        assertThat(write.getParentSpanId()).as("the write is the request's child").isEqualTo(server.getSpanId());
        assertThat(write.getName()).isEqualTo("payments.checkouts.v1 send");
        assertThat(write.getAttributes().get(AttributeKey.stringKey(KafkaObservations.ORDER_NUMBER))).isEqualTo(orderNo);
        assertThat(new String(record.headers().lastHeader(KafkaObservations.TRACEPARENT).value(), StandardCharsets.UTF_8))
                .as("order-service continues the write's span").isEqualTo("00-" + traceId + "-" + write.getSpanId() + "-01");
    }

    /** The decision order-service wrote, once the gateway reads it, is the last span of the checkout's trace. */
    @Test
    void theDecisionTheGatewayReadsContinuesTheTraceOfItsWrite() {
        String traceId = TestIdentities.hex(16);
        String writeSpanId = TestIdentities.hex(8);
        CompletableFuture<ResponseEntity<String>> answer = miniProgram.checkOut(TestIdentities.idempotencyKey(), MiniProgram.basket("SKU-1", 1));
        String orderNo = checkoutOf(openId).getOrderNo();
        orderService.created(orderNo, openId, OrderServiceStandIn.payParameters(orderNo), "00-" + traceId + "-" + writeSpanId + "-01");
        assertThat(answer.join().getStatusCode().value()).isEqualTo(201);

        SpanData[] reading = new SpanData[1];
        await("the gateway's span reading the decision").atMost(Duration.ofSeconds(10)).until(() -> {
            reading[0] = gateway.spans().getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.CONSUMER)
                    .findFirst().orElse(null);
            return reading[0] != null;
        });
        assertThat(reading[0].getParentSpanId()).as("a child of order-service's write").isEqualTo(writeSpanId);
        assertThat(reading[0].getName()).isEqualTo("payments.orders.v1 process");
        assertThat(reading[0].getAttributes().get(AttributeKey.stringKey(KafkaObservations.ORDER_NUMBER))).isEqualTo(orderNo);
    }

    @Test
    void orderRejectedAnswers422WithTheReason() {
        CompletableFuture<ResponseEntity<String>> answer = miniProgram.checkOut(TestIdentities.idempotencyKey(), MiniProgram.basket("SKU-GONE", 1));
        String orderNo = checkoutOf(openId).getOrderNo();
        orderService.rejected(orderNo, "UNKNOWN_PRODUCT", "SKU-GONE is not in the catalog");
        ResponseEntity<String> response = answer.join();

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode problem = MiniProgram.json(response);
        assertThat(problem.get("code").asString()).isEqualTo("ORDER_REJECTED");
        assertThat(problem.get("orderNo").asString()).isEqualTo(orderNo);
        assertThat(problem.get("reason").get("code").asString()).isEqualTo("UNKNOWN_PRODUCT");
        assertThat(problem.get("detail").asString()).isEqualTo("SKU-GONE is not in the catalog");
    }

    @Test
    void noVerdictWithinTheWaitAnswers202WithTheStatusLocation() {
        long started = System.nanoTime();
        ResponseEntity<String> response = miniProgram.checkOut(TestIdentities.idempotencyKey(), MiniProgram.basket("SKU-SLOW", 1)).join();

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(GatewayInstance.VERDICT_WAIT.minusMillis(100));
        String orderNo = MiniProgram.json(response).get("orderNo").asString();
        assertThat(MiniProgram.json(response).get("state").asString()).isEqualTo("CREATING");
        assertThat(response.getHeaders().getLocation()).hasToString("/api/v1/orders/" + orderNo);

        ResponseEntity<String> status = miniProgram.status(orderNo, 0, null).join();
        assertThat(MiniProgram.json(status).get("state").asString()).isEqualTo("CREATING");
    }

    @Test
    void theSameKeyTwiceIsTheSameOrderAndTheSameAnswerWithOneEvent() {
        String key = TestIdentities.idempotencyKey();
        CompletableFuture<ResponseEntity<String>> first = miniProgram.checkOut(key, MiniProgram.basket("SKU-1", 1));
        String orderNo = checkoutOf(openId).getOrderNo();
        orderService.created(orderNo, openId, OrderServiceStandIn.payParameters(orderNo));
        ResponseEntity<String> firstAnswer = first.join();

        ResponseEntity<String> secondAnswer = miniProgram.checkOut(key, MiniProgram.basket("SKU-1", 1)).join();

        assertThat(secondAnswer.getStatusCode()).isEqualTo(firstAnswer.getStatusCode());
        assertThat(secondAnswer.getBody()).isEqualTo(firstAnswer.getBody());
        assertThat(orderService.checkoutsOf(orderNo)).hasSize(1);
    }

    @Test
    void concurrentRequestsWithTheSameKeyBecomeOneOrderWithOneAnswer() {
        String key = TestIdentities.idempotencyKey();
        List<CompletableFuture<ResponseEntity<String>>> answers = IntStream.range(0, 5)
                .mapToObj(i -> miniProgram.checkOut(key, MiniProgram.basket("SKU-1", 3))).toList();
        String orderNo = checkoutOf(openId).getOrderNo();
        orderService.created(orderNo, openId, OrderServiceStandIn.payParameters(orderNo));

        List<ResponseEntity<String>> responses = answers.stream().map(CompletableFuture::join).toList();

        assertThat(responses).allSatisfy(r -> assertThat(r.getStatusCode().value()).isEqualTo(201));
        assertThat(responses.stream().map(ResponseEntity::getBody).distinct()).hasSize(1);
        // Every copy that was written carries the same event id; order-service keeps one.
        assertThat(orderService.checkoutsOf(orderNo).stream().map(CheckoutRequested::getEventId).distinct()).hasSize(1);
    }

    @Test
    void aReusedKeyWithAnotherBasketIsRefused() {
        String key = TestIdentities.idempotencyKey();
        CompletableFuture<ResponseEntity<String>> first = miniProgram.checkOut(key, MiniProgram.basket("SKU-1", 1));
        String orderNo = checkoutOf(openId).getOrderNo();
        orderService.created(orderNo, openId, OrderServiceStandIn.payParameters(orderNo));
        first.join();

        ResponseEntity<String> other = miniProgram.checkOut(key, MiniProgram.basket("SKU-9", 9)).join();

        assertThat(other.getStatusCode().value()).isEqualTo(409);
        assertThat(MiniProgram.json(other).get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void twoUsersWithTheSameKeyGetDifferentOrders() {
        String key = TestIdentities.idempotencyKey();
        String otherUser = TestIdentities.openId();
        miniProgram.checkOut(key, MiniProgram.basket("SKU-1", 1));
        new MiniProgram(gateway, clientIp, otherUser).checkOut(key, MiniProgram.basket("SKU-1", 1));

        String mine = checkoutOf(openId).getOrderNo();
        String theirs = checkoutOf(otherUser).getOrderNo();

        assertThat(mine).isNotEqualTo(theirs);
    }

    private static CheckoutRequested checkoutOf(String openId) {
        return orderService.awaitCheckoutOf(openId);
    }
}
