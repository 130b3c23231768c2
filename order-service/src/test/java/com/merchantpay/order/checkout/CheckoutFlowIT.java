package com.merchantpay.order.checkout;

import static com.merchantpay.order.support.Checkouts.checkout;
import static com.merchantpay.order.support.Checkouts.item;
import static com.merchantpay.order.support.Checkouts.newOrderNo;
import static com.merchantpay.order.support.OrderServiceUnderTest.awaitDoneWith;
import static com.merchantpay.order.support.OrderServiceUnderTest.awaitOneDecision;
import static com.merchantpay.order.support.OrderServiceUnderTest.decisions;
import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.checkout.CheckoutItem;
import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.order.support.Checkouts;
import com.merchantpay.order.support.OrderServiceUnderTest;
import com.merchantpay.order.support.OrderServiceUnderTest.Decision;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import com.merchantpay.testsupport.SandboxAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/** The service end to end: real broker and registry, the sandbox over HTTP. */
class CheckoutFlowIT {

    private static ConfigurableApplicationContext service;
    private final SandboxAdmin sandbox = OrderServiceUnderTest.sandbox().admin();
    private final Checkouts topics = Checkouts.checkouts();

    @BeforeAll
    static void startService() {
        service = OrderServiceUnderTest.running();
    }

    @BeforeEach
    void cleanSandbox() {
        sandbox.reset();
    }

    @Test
    void aPricedCheckoutBecomesOneUseePayOrderAndOneOrderCreated() {
        String orderNo = newOrderNo("happy");
        Instant before = Instant.now();
        RecordMetadata sent = topics.send(checkout(orderNo, item("green-tea", 2), item("egg-tart", 1)));

        Decision decision = awaitOneDecision(orderNo, sent);
        OrderCreated created = (OrderCreated) decision.event();
        assertThat(created.getAmountMinor()).isEqualTo(2 * 2800 + 1200);
        assertThat(created.getCurrency()).isEqualTo("HKD");
        assertThat(created.getSubject()).isEqualTo("Green tea and 1 more items");
        assertThat(created.getMerchantNo()).isEqualTo(OrderServiceUnderTest.sandbox().secrets().merchantNo());
        assertThat(created.getPspReference()).isEqualTo(sandbox.order(orderNo).orElseThrow().reference());
        assertThat(created.getEventId()).isEqualTo(EventIds.deterministic(orderNo, "OrderCreated"));
        assertThat(created.getTraceId()).isEqualTo("trace-" + orderNo);
        assertThat(created.getExpiresAt()).isBetween(before.plus(Duration.ofMinutes(15)), Instant.now().plus(Duration.ofMinutes(15)));
        assertThat(created.getPayment().getPrepayPackage()).startsWith("prepay_id=");
        assertThat(List.of(created.getPayment().getTimeStamp(), created.getPayment().getNonceStr(),
                created.getPayment().getSignType(), created.getPayment().getPaySign())).allMatch(v -> !v.isBlank());
        assertThat(new String(decision.record().headers().lastHeader(TraceHeaders.KAFKA_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("trace-" + orderNo);
        assertThat(decision.record().topic()).isEqualTo(PaymentTopics.ORDERS.name());
        assertThat(decision.record().partition()).as("co-partitioned with its checkout").isEqualTo(sent.partition());
        // One order at UseePay; a pay call slower than the client's timeout is recovered by query and one
        // more (idempotent) pay, so on a starved machine the call count may be two, never the orders.
        assertThat(sandbox.ordersHeld(orderNo)).isEqualTo(1);
        assertThat(sandbox.order(orderNo).orElseThrow().traceId()).as("X-Trace-Id on the pay call").isEqualTo("trace-" + orderNo);
    }

    static Stream<Arguments> refusedBaskets() {
        return Stream.of(
                Arguments.of("EMPTY_CART", new CheckoutItem[0]),
                Arguments.of("UNKNOWN_PRODUCT", new CheckoutItem[] {item("green-tea", 1), item("no-such-thing", 1)}),
                Arguments.of("INVALID_QUANTITY", new CheckoutItem[] {item("green-tea", 0)}),
                Arguments.of("INVALID_QUANTITY", new CheckoutItem[] {item("green-tea", -3)}),
                Arguments.of("QUANTITY_OVER_LIMIT", new CheckoutItem[] {item("egg-tart", 100)}),
                Arguments.of("MIXED_CURRENCY", new CheckoutItem[] {item("green-tea", 1), item("mooncake-box-cny", 1)}),
                Arguments.of("TOTAL_OVER_LIMIT", new CheckoutItem[] {item("gift-card", 51)}),
                Arguments.of("TOO_MANY_ITEMS", Stream.generate(() -> item("egg-tart", 1)).limit(51).toArray(CheckoutItem[]::new)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBaskets")
    void aBasketTheCatalogRefusesIsRejectedWithoutCallingUseePay(String reason, CheckoutItem[] items) {
        String orderNo = newOrderNo("refused");
        RecordMetadata sent = topics.send(checkout(orderNo, items));

        OrderRejected rejected = (OrderRejected) awaitOneDecision(orderNo, sent).event();
        assertThat(rejected.getReasonCode()).isEqualTo(reason);
        assertThat(rejected.getReasonMessage()).isNotBlank();
        assertThat(rejected.getEventId()).isEqualTo(EventIds.deterministic(orderNo, "OrderRejected"));
        assertThat(sandbox.creates(orderNo)).isZero();
        assertThat(sandbox.queries(orderNo)).isZero();
    }

    @Test
    void aCheckoutWithoutPayerIsRejectedAsInvalid() {
        String orderNo = newOrderNo("no-openid");
        CheckoutRequested checkout = checkout(orderNo, item("green-tea", 1));
        checkout.setOpenId(" ");
        RecordMetadata sent = topics.send(checkout);

        assertThat(((OrderRejected) awaitOneDecision(orderNo, sent).event()).getReasonCode()).isEqualTo("INVALID_CHECKOUT");
        assertThat(sandbox.creates(orderNo)).isZero();
    }

    @Test
    void anOrderUseePayRefusesIsRejectedWithItsCode() {
        String orderNo = newOrderNo("psp-refused");
        RecordMetadata sent = topics.send(checkout(orderNo, item("yen-sticker", 2)));

        OrderRejected rejected = (OrderRejected) awaitOneDecision(orderNo, sent).event();
        assertThat(rejected.getReasonCode()).isEqualTo("PSP_REJECTED");
        assertThat(rejected.getPspErrorCode()).isNotBlank();
        assertThat(sandbox.ordersHeld(orderNo)).isZero();
    }

    @Test
    void theSameCheckoutTwiceInOnePollCallsUseePayOnceAndDecidesOnce() {
        String orderNo = newOrderNo("twice");
        CheckoutRequested checkout = checkout(orderNo, item("milk-tea", 1));
        topics.send(checkout);
        RecordMetadata second = topics.send(checkout);

        assertThat(awaitOneDecision(orderNo, second).event()).isInstanceOf(OrderCreated.class);
        assertThat(sandbox.creates(orderNo)).isEqualTo(1);
    }

    @Test
    void aCheckoutOfAnAlreadyDecidedOrderIsSkipped() {
        String orderNo = newOrderNo("again-later");
        CheckoutRequested checkout = checkout(orderNo, item("milk-tea", 3));
        awaitOneDecision(orderNo, topics.send(checkout));

        RecordMetadata again = topics.send(checkout);

        awaitDoneWith(again);
        assertThat(decisions(orderNo)).hasSize(1);
        assertThat(sandbox.creates(orderNo)).isEqualTo(1);
    }

    @Test
    void healthAndPrometheusMetricsAreServed() throws Exception {
        String orderNo = newOrderNo("metrics");
        awaitOneDecision(orderNo, topics.send(checkout(orderNo, item("green-tea", 1))));
        String port = service.getEnvironment().getProperty("local.management.port");
        String publicPort = service.getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> publicHealth = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + publicPort + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(publicHealth.statusCode()).as("actuator is not on the public port").isEqualTo(404);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(prometheus.body())
                .contains("order_psp_calls_seconds_bucket{")
                .contains("outcome=\"accepted\"")
                .contains("order_psp_in_flight")
                .contains("order_decisions_total{")
                .contains("kafka_consumer_fetch_manager_records_lag")
                .doesNotContain(OrderServiceUnderTest.sandbox().secrets().merchantMd5Key());
    }
}
