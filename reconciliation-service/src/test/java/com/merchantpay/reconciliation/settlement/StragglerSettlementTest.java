package com.merchantpay.reconciliation.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.psp.PspStatusQueried;
import com.merchantpay.events.reconciliation.ReconciliationGaveUp;
import com.merchantpay.reconciliation.support.ReconciliationScenario;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What the reconciler publishes for stragglers, against the real broker, registry and sandbox.
 * The test plays the outcome processor where the story needs an outcome.
 */
class StragglerSettlementTest extends ReconciliationScenario {

    private static final String DROP_NOTIFICATIONS = "{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0}}}";
    private static final Duration A_WHILE = Duration.ofSeconds(2);

    @Test
    void aPaymentWhoseNotificationWasLostIsFoundByExactlyOneQuery() {
        useePay.faults(DROP_NOTIFICATIONS);
        String orderNo = newOrderNo("dropped");
        Instant created = Instant.now();
        useePay.createOrder(orderNo, 20);
        useePay.pay(orderNo);
        events.orderCreated(orderNo, created, created.plus(MINUTE.multipliedBy(20)));

        await().atMost(Duration.ofSeconds(15)).until(() -> !published.findings(orderNo, "succeed").isEmpty());
        PspStatusQueried finding = published.findings(orderNo, "succeed").getFirst();
        assertThat(finding.getEventId()).isEqualTo(EventIds.deterministic(orderNo, "query", "1"));
        assertThat(finding.getAttempt()).isEqualTo(1);
        assertThat(finding.getAmountMinor()).isEqualTo(1000L);
        assertThat(finding.getCurrency()).isEqualTo("HKD");
        assertThat(finding.getTraceId()).isEqualTo("trace-" + orderNo);
        events.paymentSucceeded(orderNo, finding.getEventId());

        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            assertThat(published.findings(orderNo)).hasSize(1);
            assertThat(useePay.queries(orderNo)).isEqualTo(1);
        });
    }

    @Test
    void anOrderWhoseOutcomeIsAlreadyKnownIsNeverQueried() {
        // The outcome is read before the OrderCreated (as after a replay of the orders topic).
        String orderNo = newOrderNo("outcome-known");
        Instant created = Instant.now();
        useePay.createOrder(orderNo, 20);
        events.paymentSucceeded(orderNo, "notification-finding");
        events.orderCreated(orderNo, created, created.plus(MINUTE.multipliedBy(20)));

        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            assertThat(useePay.queries(orderNo)).isZero();
            assertThat(published.findings(orderNo)).isEmpty();
        });
    }

    @Test
    void anOutcomeRacingAQueryInFlightStopsTheScheduleThere() {
        useePay.faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0}},\"addedLatency\":\"PT0.8S\"}");
        String orderNo = placedOrder("race", 20);
        useePay.pay(orderNo);
        await().atMost(Duration.ofSeconds(10)).until(() -> useePay.queries(orderNo) == 1);
        events.paymentSucceeded(orderNo, "notification-finding"); // the notification won the race

        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            assertThat(useePay.queries(orderNo)).isEqualTo(1);
            assertThat(published.findings(orderNo)).hasSizeLessThanOrEqualTo(1);
        });
    }

    @Test
    void anExpiredOrderIsReportedClosedWith3300AndNotGivenUp() {
        String orderNo = placedOrder("expired", 1);

        await().atMost(Duration.ofSeconds(15)).until(() -> !published.findings(orderNo, "closed").isEmpty());
        PspStatusQueried closed = published.findings(orderNo, "closed").getFirst();
        assertThat(closed.getErrorCode()).isEqualTo("3300");
        events.orderClosed(orderNo);

        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            assertThat(published.gaveUps(orderNo)).isEmpty();
            // at most: grace, one timeline point before the expiry check, and the expiry check itself
            // (fewer when a slow start collapsed points into one query)
            assertThat(useePay.queries(orderNo)).isBetween(1L, 3L);
        });
    }

    @Test
    void aPaymentLandingJustAfterTheCloseIsCaughtByTheExpiryCheck() {
        useePay.faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0}},\"paidAfterClose\":true}");
        String orderNo = placedOrder("paid-after-close", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "succeed".equals(useePay.status(orderNo)));
        events.orderClosed(orderNo); // the closed notification got through; the succeed one was lost

        await().atMost(Duration.ofSeconds(15)).until(() -> !published.findings(orderNo, "succeed").isEmpty());
        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            assertThat(published.findings(orderNo, "succeed")).hasSize(1);
            assertThat(published.gaveUps(orderNo)).isEmpty();
            assertThat(useePay.queries(orderNo)).isLessThanOrEqualTo(3);
        });
    }

    @Test
    void anOrderUseePayNeverSawIsReportedNotFoundThenGivenUpOnce() {
        String orderNo = newOrderNo("not-found");
        Instant created = Instant.now();
        events.orderCreated(orderNo, created, created.plus(MINUTE));

        await().atMost(Duration.ofSeconds(15)).until(() -> !published.gaveUps(orderNo).isEmpty());
        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            List<ReconciliationGaveUp> gaveUps = published.gaveUps(orderNo);
            assertThat(gaveUps).hasSize(1);
            assertThat(gaveUps.getFirst().getLastStatusSeen()).isEqualTo("not_found");
            assertThat(gaveUps.getFirst().getQueriesMade()).isEqualTo(published.findings(orderNo).size());
            assertThat(published.findings(orderNo)).isNotEmpty()
                    .allSatisfy(finding -> assertThat(finding.getStatus()).isEqualTo("not_found"));
            assertThat(published.findings(orderNo).stream().map(PspStatusQueried::getAttempt))
                    .doesNotHaveDuplicates();
        });
    }

    @Test
    void anOrderStillAwaitingPaymentPastItsExpiryIsGivenUpWithItsLastStatus() {
        String orderNo = newOrderNo("gave-up");
        Instant created = Instant.now();
        useePay.createOrder(orderNo, 20);
        events.orderCreated(orderNo, created, created.plus(MINUTE)); // we think it expires long before UseePay does

        await().atMost(Duration.ofSeconds(15)).until(() -> !published.gaveUps(orderNo).isEmpty());
        ReconciliationGaveUp gaveUp = published.gaveUps(orderNo).getFirst();
        assertThat(gaveUp.getLastStatusSeen()).isEqualTo("received");
        assertThat(gaveUp.getEventId()).isEqualTo(EventIds.deterministic(orderNo, "reconciliation-gave-up"));
        assertThat(gaveUp.getQueriesMade()).isEqualTo((int) useePay.queries(orderNo));
    }

    @Test
    void anUnreadableOrderEventGoesToTheDeadLetterTopicWithItsReason() {
        String key = newOrderNo("poison");
        events.garbage(PaymentTopics.ORDERS.name(), key);

        await().atMost(Duration.ofSeconds(15)).until(() -> !published.deadLetters(key).isEmpty());
        ConsumerRecord<String, byte[]> deadLetter = published.deadLetters(key).getFirst();
        assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(PaymentTopics.ORDERS.name());
        assertThat(header(deadLetter, "kafka_dlt-exception-fqcn")).isNotBlank();
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");

        String after = placedOrder("after-poison", 20);
        await().atMost(Duration.ofSeconds(15)).until(() -> !published.findings(after).isEmpty());
    }

    @Test
    void anOrderEventWithoutAKeyGoesToTheDeadLetterTopicAndIsNotTracked() {
        String orderNo = newOrderNo("no-key");
        Instant created = Instant.now();
        events.orderCreated(null, orderNo, created, created.plus(MINUTE));

        await().atMost(Duration.ofSeconds(15)).until(() -> !published.deadLettersOfOrder(orderNo).isEmpty());
        assertThat(header(published.deadLettersOfOrder(orderNo).getFirst(), "kafka_dlt-exception-message"))
                .contains("without an order-number key");
        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            assertThat(published.findings(orderNo)).isEmpty();
            assertThat(published.gaveUps(orderNo)).isEmpty();
        });
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
