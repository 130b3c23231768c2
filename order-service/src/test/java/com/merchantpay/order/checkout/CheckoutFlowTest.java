package com.merchantpay.order.checkout;

import static com.merchantpay.order.support.OrderTopics.checkout;
import static com.merchantpay.order.support.OrderTopics.committedPast;
import static com.merchantpay.order.support.OrderTopics.decisions;
import static com.merchantpay.order.support.OrderTopics.item;
import static com.merchantpay.order.support.OrderTopics.newOrderNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.checkout.CheckoutItem;
import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.order.support.OrderServiceUnderTest;
import com.merchantpay.order.support.OrderTopics;
import com.merchantpay.order.support.SandboxFixture;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/** The service end to end: real broker and registry, the sandbox over HTTP. */
class CheckoutFlowTest {

    static final Duration DECISION_WAIT = Duration.ofSeconds(30);

    private static ConfigurableApplicationContext service;
    private final SandboxFixture sandbox = SandboxFixture.sandbox();
    private final OrderTopics topics = OrderTopics.topics();

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

        ConsumerRecord<String, Object> record = awaitOneDecision(orderNo, sent);
        OrderCreated created = (OrderCreated) record.value();
        assertThat(created.getAmountMinor()).isEqualTo(2 * 2800 + 1200);
        assertThat(created.getCurrency()).isEqualTo("HKD");
        assertThat(created.getSubject()).isEqualTo("Green tea and 1 more items");
        assertThat(created.getMerchantNo()).isEqualTo(SandboxFixture.MERCHANT_NO);
        assertThat(created.getPspReference()).isEqualTo(sandbox.reference(orderNo));
        assertThat(created.getEventId()).isEqualTo(EventIds.deterministic(orderNo, "OrderCreated"));
        assertThat(created.getTraceId()).isEqualTo("trace-" + orderNo);
        assertThat(created.getExpiresAt()).isBetween(before.plus(Duration.ofMinutes(15)), Instant.now().plus(Duration.ofMinutes(15)));
        assertThat(created.getPayment().getPrepayPackage()).startsWith("prepay_id=");
        assertThat(List.of(created.getPayment().getTimeStamp(), created.getPayment().getNonceStr(),
                created.getPayment().getSignType(), created.getPayment().getPaySign())).allMatch(v -> !v.isBlank());
        assertThat(new String(record.headers().lastHeader(TraceHeaders.KAFKA_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("trace-" + orderNo);
        assertThat(record.partition()).as("co-partitioned with its checkout").isEqualTo(sent.partition());
        // One order at UseePay; a pay call slower than the client's timeout is recovered by query and one
        // more (idempotent) pay, so on a starved machine the call count may be two, never the orders.
        assertThat(sandbox.ordersHeld(orderNo)).isEqualTo(1);
        assertThat(sandbox.traceId(orderNo)).as("X-Trace-Id on the pay call").isEqualTo("trace-" + orderNo);
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

        OrderRejected rejected = (OrderRejected) awaitOneDecision(orderNo, sent).value();
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

        assertThat(((OrderRejected) awaitOneDecision(orderNo, sent).value()).getReasonCode()).isEqualTo("INVALID_CHECKOUT");
        assertThat(sandbox.creates(orderNo)).isZero();
    }

    @Test
    void anOrderUseePayRefusesIsRejectedWithItsCode() {
        String orderNo = newOrderNo("psp-refused");
        RecordMetadata sent = topics.send(checkout(orderNo, item("yen-sticker", 2)));

        OrderRejected rejected = (OrderRejected) awaitOneDecision(orderNo, sent).value();
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

        awaitOneDecision(orderNo, second);
        assertThat(decisions(orderNo).getFirst().value()).isInstanceOf(OrderCreated.class);
        assertThat(sandbox.creates(orderNo)).isEqualTo(1);
    }

    @Test
    void aCheckoutOfAnAlreadyDecidedOrderIsSkipped() {
        String orderNo = newOrderNo("again-later");
        CheckoutRequested checkout = checkout(orderNo, item("milk-tea", 3));
        awaitOneDecision(orderNo, topics.send(checkout));

        RecordMetadata again = topics.send(checkout);

        await().atMost(DECISION_WAIT).until(() -> committedPast(OrderServiceUnderTest.GROUP_ID, again));
        assertThat(decisions(orderNo)).hasSize(1);
        assertThat(sandbox.creates(orderNo)).isEqualTo(1);
    }

    @Test
    void healthAndPrometheusMetricsAreServed() throws Exception {
        String orderNo = newOrderNo("metrics");
        awaitOneDecision(orderNo, topics.send(checkout(orderNo, item("green-tea", 1))));
        String port = service.getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(prometheus.body())
                .contains("order_psp_calls_seconds_bucket{")
                .contains("outcome=\"accepted\"")
                .contains("order_psp_in_flight")
                .contains("order_decisions_total{")
                .contains("kafka_consumer_fetch_manager_records_lag")
                .doesNotContain(SandboxFixture.MD5_KEY);
    }

    /** Waits for the decision and for the service to commit the checkout, then demands exactly one. */
    static ConsumerRecord<String, Object> awaitOneDecision(String orderNo, RecordMetadata sent) {
        await().atMost(DECISION_WAIT).until(() -> !decisions(orderNo).isEmpty()
                && committedPast(OrderServiceUnderTest.GROUP_ID, sent));
        List<ConsumerRecord<String, Object>> all = new ArrayList<>(decisions(orderNo));
        assertThat(all).as("decisions for " + orderNo).hasSize(1);
        assertThat(all.getFirst().topic()).isEqualTo(PaymentTopics.ORDERS.name());
        return all.getFirst();
    }
}
