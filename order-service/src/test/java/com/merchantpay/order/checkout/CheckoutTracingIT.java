package com.merchantpay.order.checkout;

import static com.merchantpay.order.support.Checkouts.checkout;
import static com.merchantpay.order.support.Checkouts.item;
import static com.merchantpay.order.support.Checkouts.newOrderNo;
import static com.merchantpay.order.support.OrderServiceUnderTest.awaitOneDecision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.order.support.Checkouts;
import com.merchantpay.order.support.OrderServiceUnderTest;
import com.merchantpay.order.support.OrderServiceUnderTest.Decision;
import com.merchantpay.schemas.tracing.KafkaObservations;
import com.merchantpay.testsupport.SandboxAdmin;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One checkout is one trace through order-service: the record's W3C traceparent (the gateway's producer
 * span) is continued by the checkout's span, whose children are the UseePay call (its traceparent
 * reaches UseePay, here the sandbox) and the decision's write (its traceparent is on the decision
 * record, where the gateway and notify-service continue it). Spans come from Boot's own exporter
 * pipeline into an in-memory exporter.
 */
class CheckoutTracingIT {

    private static final AttributeKey<String> ORDER_NUMBER = AttributeKey.stringKey(KafkaObservations.ORDER_NUMBER);

    private final SandboxAdmin sandbox = OrderServiceUnderTest.sandbox().admin();

    @BeforeAll
    static void startService() {
        OrderServiceUnderTest.running();
    }

    @Test
    void aCheckoutContinuesItsRecordsTraceThroughTheUseePayCallToItsDecision() {
        String orderNo = newOrderNo("traced");
        String traceId = hex(16);
        String gatewaySpanId = hex(8);
        CheckoutRequested checkout = checkout(orderNo, item("green-tea", 1));
        checkout.setTraceId(traceId);
        RecordMetadata sent = Checkouts.checkouts().send(checkout, "00-" + traceId + "-" + gatewaySpanId + "-01");

        Decision decision = awaitOneDecision(orderNo, sent);
        assertThat(((OrderCreated) decision.event()).getTraceId()).isEqualTo(traceId);
        String decisionContext = new String(decision.record().headers().lastHeader(KafkaObservations.TRACEPARENT).value(),
                StandardCharsets.UTF_8);
        String payCallContext = sandbox.order(orderNo).orElseThrow().traceparent();

        List<SpanData> spans = awaitSpans(traceId, 3);
        SpanData process = only(spans, span -> span.getKind() == SpanKind.CONSUMER);
        assertThat(process.getName()).isEqualTo("payments.checkouts.v1 process");
        assertThat(process.getParentSpanId()).as("continues the gateway's span").isEqualTo(gatewaySpanId);
        assertThat(process.getAttributes().get(ORDER_NUMBER)).isEqualTo(orderNo);

        SpanData payCall = only(spans, span -> span.getKind() == SpanKind.CLIENT);
        assertThat(payCall.getParentSpanId()).as("the UseePay call is the checkout's child").isEqualTo(process.getSpanId());
        assertThat(payCallContext).as("UseePay got the call span's context")
                .isEqualTo("00-" + traceId + "-" + payCall.getSpanId() + "-01");

        SpanData write = only(spans, span -> span.getKind() == SpanKind.PRODUCER);
        assertThat(write.getName()).isEqualTo("payments.orders.v1 send");
        assertThat(write.getParentSpanId()).as("the decision's write is the checkout's child").isEqualTo(process.getSpanId());
        assertThat(write.getAttributes().get(ORDER_NUMBER)).isEqualTo(orderNo);
        assertThat(decisionContext).as("the decision record carries the write span's context")
                .isEqualTo("00-" + traceId + "-" + write.getSpanId() + "-01");
    }

    @Test
    void noSpanAttributeCarriesThePayersOpenIdOrTheWeChatPaySignature() {
        String orderNo = newOrderNo("secret");
        String traceId = hex(16);
        CheckoutRequested checkout = checkout(orderNo, item("egg-tart", 1));
        RecordMetadata sent = Checkouts.checkouts().send(checkout, "00-" + traceId + "-" + hex(8) + "-01");
        OrderCreated created = (OrderCreated) awaitOneDecision(orderNo, sent).event();

        List<SpanData> spans = awaitSpans(traceId, 3);
        assertThat(spans).flatMap(span -> span.getAttributes().asMap().values())
                .map(String::valueOf)
                .noneMatch(value -> value.contains(checkout.getOpenId()))
                .noneMatch(value -> value.contains(created.getPayment().getPaySign()))
                .noneMatch(value -> value.contains(OrderServiceUnderTest.sandbox().secrets().merchantMd5Key()));
    }

    private static List<SpanData> awaitSpans(String traceId, int atLeast) {
        List<SpanData>[] found = new List[1];
        await("spans of trace " + traceId).atMost(Duration.ofSeconds(10)).until(() -> {
            found[0] = OrderServiceUnderTest.spans().getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(traceId)).toList();
            return found[0].size() >= atLeast;
        });
        return found[0];
    }

    private static SpanData only(List<SpanData> spans, java.util.function.Predicate<SpanData> which) {
        List<SpanData> matching = spans.stream().filter(which).toList();
        assertThat(matching).as("matching spans among %s", spans).hasSize(1);
        return matching.getFirst();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
