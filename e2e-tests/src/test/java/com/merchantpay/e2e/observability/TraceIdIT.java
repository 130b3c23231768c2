package com.merchantpay.e2e.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.e2e.support.OrderEvent;
import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.e2e.support.Shopper;
import com.merchantpay.e2e.support.Shopper.Item;
import com.merchantpay.e2e.support.Shopper.PlacedOrder;
import com.merchantpay.e2e.support.WorkflowStack;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.KafkaObservations;
import com.merchantpay.schemas.tracing.TraceHeaders;
import com.merchantpay.schemas.tracing.TraceIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One trace, started by the Mini Program's W3C {@code traceparent} on its checkout, follows the order
 * through HTTP → Kafka → HTTP to UseePay and back across four processes: its trace id is the
 * {@code traceId} of every event of the order, the {@code trace-id} header wherever a producer sets one,
 * the trace of every record's {@code traceparent}, the gateway's {@code X-Trace-Id} answer, and it appears
 * in the log of every process that handled the order and on every call UseePay (the sandbox) got about
 * the order. The span-level parent links inside each hop are order-service's {@code CheckoutTracingIT},
 * the gateway's {@code CheckoutIT} and notify-service's {@code NotificationTraceIT}; here, across separate
 * JVMs, the carriers show that no hop started a trace of its own. Every gap is reported at once (soft
 * assertions), by carrier.
 */
@ExtendWith(WorkflowStack.class)
class TraceIdIT {

    private static final List<String> ORDER_TOPICS = List.of(PaymentTopics.CHECKOUTS.name(), PaymentTopics.ORDERS.name(),
            PaymentTopics.PSP_FINDINGS.name(), PaymentTopics.PSP_QUERIES.name(), PaymentTopics.OUTCOMES.name());
    /** Everyone who handles a paid order: gateway, order-service, UseePay (sandbox), notify-service. */
    private static final List<String> HANDLERS = List.of(ServiceCatalogue.GATEWAY_SERVICE, ServiceCatalogue.ORDER_SERVICE,
            ServiceCatalogue.SANDBOX, ServiceCatalogue.NOTIFY_SERVICE);

    /** The writes that carry a traceparent today: the gateway's, order-service's and notify-service's ingest. */
    private static final List<String> TRACED_WRITES = List.of("CheckoutRequested", "OrderCreated", "PspNotificationVerified");

    private final RunningStack stack;

    TraceIdIT(RunningStack stack) {
        this.stack = stack;
    }

    @Test
    void theCheckoutsTraceIdIsOnEveryEventAndInEveryHandlersLog() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Shopper shopper = stack.miniProgram().logIn("o-e2e-trace-" + UUID.randomUUID());
        PlacedOrder order = shopper.placeOrder(traceId, new Item("green-tea", 1));
        String payCallContext = stack.sandbox().order(order.orderNo()).orElseThrow().traceparent();
        assertThat(stack.sandbox().pay(order.orderNo())).as("paid in WeChat").isEqualTo(200);
        shopper.awaitState(order.orderNo(), "PAID", Duration.ofSeconds(60));
        List<OrderEvent> events = eventsUntilPaymentSucceeded(order.orderNo());

        SoftAssertions softly = new SoftAssertions();
        for (OrderEvent event : events) {
            softly.assertThat(event.text("traceId")).as("traceId field of %s", event.simpleType()).isEqualTo(traceId);
            if (event.headers().containsKey(TraceHeaders.KAFKA_HEADER)) {
                softly.assertThat(event.headers().get(TraceHeaders.KAFKA_HEADER))
                        .as("%s header of %s", TraceHeaders.KAFKA_HEADER, event.simpleType()).isEqualTo(traceId);
            }
            if (TRACED_WRITES.contains(event.simpleType())) {
                softly.assertThat(TraceIds.fromTraceparent(event.headers().get(KafkaObservations.TRACEPARENT)))
                        .as("trace of %s's traceparent", event.simpleType()).isEqualTo(traceId);
            }
        }
        softly.assertThat(TraceIds.fromTraceparent(payCallContext)).as("trace of the pay call UseePay got").isEqualTo(traceId);
        for (String service : HANDLERS) {
            softly.assertThat(logMentions(service, traceId)).as("%s's log mentions the trace id", service).isTrue();
        }
        // Every call UseePay got about this order (order-service's pay, the reconciler's queries) carried it.
        softly.assertThat(logLinesNaming(ServiceCatalogue.SANDBOX, order.orderNo()))
                .as("sandbox log lines about the order").allSatisfy(line -> assertThat(line).contains(traceId));
        softly.assertAll();
    }

    /** The notification is lost: the reconciler's query (HTTP to UseePay) must carry the trace too. */
    @Test
    void theTraceIdFollowsAnOrderSettledByTheReconcilersQuery() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Shopper shopper = stack.miniProgram().logIn("o-e2e-trace-" + UUID.randomUUID());
        PlacedOrder order = shopper.placeOrder(traceId, new Item("egg-tart", 1));
        stack.sandbox().faults("""
                {"rules": {"NOTIFY_DROP": {"next": 1, "only": "%s"}}}""".formatted(order.orderNo()));
        try {
            assertThat(stack.sandbox().pay(order.orderNo())).as("paid in WeChat").isEqualTo(200);
            shopper.awaitState(order.orderNo(), "PAID", Duration.ofSeconds(60));
        } finally {
            stack.sandbox().clearFaults();
        }
        List<OrderEvent> events = eventsUntil(order.orderNo(), "CheckoutRequested", "OrderCreated", "PspStatusQueried", "PaymentSucceeded");

        SoftAssertions softly = new SoftAssertions();
        for (OrderEvent event : events) {
            softly.assertThat(event.text("traceId")).as("traceId field of %s", event.simpleType()).isEqualTo(traceId);
        }
        softly.assertThat(logLinesNaming(ServiceCatalogue.SANDBOX, order.orderNo()))
                .as("sandbox log lines about the order (the reconciler's queries among them)")
                .allSatisfy(line -> assertThat(line).contains(traceId));
        softly.assertAll();
    }

    private List<OrderEvent> eventsUntilPaymentSucceeded(String orderNo) {
        return eventsUntil(orderNo, "CheckoutRequested", "OrderCreated", "PspNotificationVerified", "PaymentSucceeded");
    }

    private List<OrderEvent> eventsUntil(String orderNo, String... types) {
        List<OrderEvent>[] events = new List[1];
        await("events of " + orderNo).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            events[0] = stack.eventsOf(orderNo, ORDER_TOPICS.toArray(String[]::new));
            return events[0].stream().map(OrderEvent::simpleType).toList().containsAll(List.of(types));
        });
        return events[0];
    }

    private boolean logMentions(String service, String traceId) {
        return !logLinesNaming(service, traceId).isEmpty();
    }

    private List<String> logLinesNaming(String service, String text) {
        try (var lines = Files.lines(stack.logOf(service))) {
            return lines.filter(line -> line.contains(text)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
