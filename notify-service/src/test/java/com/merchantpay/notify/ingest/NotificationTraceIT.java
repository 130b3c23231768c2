package com.merchantpay.notify.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.psp.PspNotificationVerified;
import com.merchantpay.notify.support.RunningNotifyService;
import com.merchantpay.schemas.tracing.KafkaObservations;
import com.merchantpay.schemas.tracing.TraceIds;
import com.merchantpay.testsupport.UseePayOrders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A notification is part of its order's trace: the pay call that placed the order carried a
 * traceparent, UseePay (the sandbox) sends it back on the notification, and notify-service's server
 * span continues it, so the finding it writes names the order's trace id and carries that trace on,
 * and the outcome processor carries that context on to the outcome.
 */
class NotificationTraceIT extends RunningNotifyService {

    @Autowired
    private ObservationRegistry observations;

    @Test
    void aNotificationContinuesTheTraceOfTheCallThatPlacedItsOrder() {
        String orderNo = newOrderNo("traced");
        // Stands in for order-service's checkout span, the parent of its UseePay pay call.
        Observation checkout = Observation.start("test.checkout", observations);
        String orderTraceId = TraceIds.of(checkout);
        try (UseePayOrders useePay = new UseePayOrders(sandbox(), notifyUrl(), observations)) {
            useePay.place(orderNo, AMOUNT, CURRENCY, 20, checkout);
        } finally {
            checkout.stop();
        }
        assertThat(orderTraceId).hasSize(32);
        assertThat(sandbox.order(orderNo).orElseThrow().traceparent()).contains(orderTraceId);
        publishOrderCreated(orderNo);
        sandbox.pay(orderNo);

        await().atMost(Duration.ofSeconds(30)).until(() -> !tap().records(FINDINGS, orderNo).isEmpty());
        ConsumerRecord<String, byte[]> finding = tap().records(FINDINGS, orderNo).getFirst();
        assertThat(((PspNotificationVerified) tap().decode(finding)).getTraceId()).isEqualTo(orderTraceId);
        String carried = new String(finding.headers().lastHeader(KafkaObservations.TRACEPARENT).value(), StandardCharsets.UTF_8);
        assertThat(TraceIds.fromTraceparent(carried)).as("the finding carries the order's trace on").isEqualTo(orderTraceId);
        assertThat(carried).as("from notify-service's server span, not the sandbox's copy")
                .isNotEqualTo(sandbox.order(orderNo).orElseThrow().traceparent());

        // The outcome processor continues it: subscribers of the outcome are in the order's trace too.
        await().atMost(Duration.ofSeconds(30)).until(() -> !tap().records(OUTCOMES, orderNo).isEmpty());
        ConsumerRecord<String, byte[]> outcome = tap().records(OUTCOMES, orderNo).getFirst();
        String outcomeContext = new String(outcome.headers().lastHeader(KafkaObservations.TRACEPARENT).value(), StandardCharsets.UTF_8);
        assertThat(TraceIds.fromTraceparent(outcomeContext)).as("the outcome carries the order's trace on").isEqualTo(orderTraceId);
        // No span of the processor's own (it cost the 1,000/s target): the outcome hangs off notify-service's server span.
        assertThat(outcomeContext).as("the finding's context, carried on unchanged").isEqualTo(carried);
    }
}
