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
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What the reconciler publishes for stragglers, against the real broker, registry and sandbox.
 * The test plays the outcome processor where the story needs an outcome.
 *
 * <p>"Nothing more happens" is asserted only after the reconciler's group has caught up on its input
 * ({@link #awaitReconcilerRead()}): from then on it knows what the test told it, and the quiet window
 * that follows covers the next points of its schedule (a UseePay minute is 600 ms here), where a
 * reconciler that ignored the input would query again.
 */
class StragglerSettlementIT extends ReconciliationScenario {

    private static final String DROP_NOTIFICATIONS = "{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0}}}";
    private static final Duration A_WHILE = Duration.ofSeconds(2);
    private static final Duration QUERY_LATENCY = Duration.ofMillis(800);

    @Test
    void aPaymentWhoseNotificationWasLostIsFoundByExactlyOneQuery() {
        useePay.faults(DROP_NOTIFICATIONS);
        String orderNo = newOrderNo("dropped");
        Instant created = Instant.now();
        createAtUseePay(orderNo, 20);
        useePay.pay(orderNo);
        events.orderCreated(orderNo, created, announcedExpiry(created, 20));

        await().atMost(Duration.ofSeconds(15)).until(() -> !findings(orderNo, "succeed").isEmpty());
        PspStatusQueried finding = findings(orderNo, "succeed").getFirst();
        assertThat(finding.getEventId()).isEqualTo(EventIds.deterministic(orderNo, "query", "1"));
        assertThat(finding.getAttempt()).isEqualTo(1);
        assertThat(finding.getAmountMinor()).isEqualTo(1000L);
        assertThat(finding.getCurrency()).isEqualTo("HKD");
        assertThat(finding.getTraceId()).isEqualTo("trace-" + orderNo);
        events.paymentSucceeded(orderNo, finding.getEventId());

        awaitReconcilerRead();
        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            assertThat(findings(orderNo)).hasSize(1);
            assertThat(useePay.queries(orderNo)).isEqualTo(1);
        });
    }

    @Test
    void anOrderWhoseOutcomeIsAlreadyKnownIsNeverQueried() {
        // The outcome is read before the OrderCreated (as after a replay of the orders topic).
        String orderNo = newOrderNo("outcome-known");
        Instant created = Instant.now();
        createAtUseePay(orderNo, 20);
        events.paymentSucceeded(orderNo, "notification-finding");
        events.orderCreated(orderNo, created, announcedExpiry(created, 20));

        awaitReconcilerRead();
        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            assertThat(useePay.queries(orderNo)).isZero();
            assertThat(findings(orderNo)).isEmpty();
        });
    }

    /**
     * The answer of a query in flight is published only if it is applied before the outcome ends the
     * order (OrderTracker drops answers for ended orders). When the reconciler had read the outcome
     * before the sandbox could even answer (it holds every answer {@link #QUERY_LATENCY}), no finding
     * is due; the other way round, exactly the one query's. Either way the schedule stops at one query.
     */
    @Test
    void anOutcomeRacingAQueryInFlightStopsTheScheduleThere() {
        useePay.faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0}},\"addedLatency\":\"PT0.8S\"}");
        String orderNo = placedOrder("race", 20);
        useePay.pay(orderNo);
        AtomicReference<Instant> notQueriedYet = new AtomicReference<>(Instant.now());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Instant asked = Instant.now();
            long queries = useePay.queries(orderNo);
            if (queries == 0) {
                notQueriedYet.set(asked);
            }
            return queries == 1;
        });
        events.paymentSucceeded(orderNo, "notification-finding"); // the notification won the race

        awaitReconcilerRead();
        boolean outcomeReadBeforeTheAnswer = Instant.now().isBefore(notQueriedYet.get().plus(QUERY_LATENCY));
        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            assertThat(useePay.queries(orderNo)).isEqualTo(1);
            if (outcomeReadBeforeTheAnswer) {
                assertThat(findings(orderNo)).as("the answer came after the order ended").isEmpty();
            } else {
                assertThat(findings(orderNo)).hasSizeLessThanOrEqualTo(1)
                        .allSatisfy(finding -> assertThat(finding.getAttempt()).isEqualTo(1));
            }
        });
    }

    @Test
    void anExpiredOrderIsReportedClosedWith3300AndNotGivenUp() {
        String orderNo = placedOrder("expired", 1);

        await().atMost(Duration.ofSeconds(15)).until(() -> !findings(orderNo, "closed").isEmpty());
        PspStatusQueried closed = findings(orderNo, "closed").getFirst();
        assertThat(closed.getErrorCode()).isEqualTo("3300");
        events.orderClosed(orderNo);

        awaitReconcilerRead();
        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            assertThat(gaveUps(orderNo)).isEmpty();
            // at most: grace, one timeline point before the expiry check, and the expiry check itself
            // (fewer when a slow start collapsed points into one query)
            assertThat(useePay.queries(orderNo)).isBetween(1L, 3L);
        });
    }

    @Test
    void aPaymentLandingJustAfterTheCloseIsCaughtByTheExpiryCheck() {
        useePay.faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0}},\"paidAfterClose\":true}");
        String orderNo = placedOrder("paid-after-close", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "succeed".equals(useePay.order(orderNo).orElseThrow().status()));
        events.orderClosed(orderNo); // the closed notification got through; the succeed one was lost

        await().atMost(Duration.ofSeconds(15)).until(() -> !findings(orderNo, "succeed").isEmpty());
        awaitReconcilerRead();
        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            assertThat(gaveUps(orderNo)).isEmpty();
            assertThat(useePay.queries(orderNo)).isLessThanOrEqualTo(3);
        });
        // Every query made is reported once, and the last one, the expiry check, found the payment. A
        // query before the check sees it too when a slow start pushed it past the close, so one or two
        // succeed findings are both right (the outcome processor keeps one outcome either way).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<PspStatusQueried> reported = findings(orderNo).stream()
                    .sorted(java.util.Comparator.comparing(PspStatusQueried::getAttempt)).toList();
            assertThat(reported).hasSize((int) useePay.queries(orderNo));
            assertThat(reported.stream().map(PspStatusQueried::getAttempt)).doesNotHaveDuplicates();
            assertThat(reported.getLast().getStatus()).isEqualTo("succeed");
        });
    }

    @Test
    void anOrderUseePayNeverSawIsReportedNotFoundThenGivenUpOnce() {
        String orderNo = newOrderNo("not-found");
        Instant created = Instant.now();
        events.orderCreated(orderNo, created, announcedExpiry(created, 1));

        await().atMost(Duration.ofSeconds(15)).until(() -> !gaveUps(orderNo).isEmpty());
        awaitReconcilerRead();
        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            List<ReconciliationGaveUp> gaveUps = gaveUps(orderNo);
            assertThat(gaveUps).hasSize(1);
            assertThat(gaveUps.getFirst().getLastStatusSeen()).isEqualTo("not_found");
            assertThat(gaveUps.getFirst().getQueriesMade()).isEqualTo(findings(orderNo).size());
            assertThat(findings(orderNo)).isNotEmpty()
                    .allSatisfy(finding -> assertThat(finding.getStatus()).isEqualTo("not_found"));
            assertThat(findings(orderNo).stream().map(PspStatusQueried::getAttempt))
                    .doesNotHaveDuplicates();
        });
    }

    @Test
    void anOrderStillAwaitingPaymentPastItsExpiryIsGivenUpWithItsLastStatus() {
        String orderNo = newOrderNo("gave-up");
        Instant created = Instant.now();
        createAtUseePay(orderNo, 20);
        events.orderCreated(orderNo, created, announcedExpiry(created, 1)); // we think it expires long before UseePay does

        await().atMost(Duration.ofSeconds(15)).until(() -> !gaveUps(orderNo).isEmpty());
        ReconciliationGaveUp gaveUp = gaveUps(orderNo).getFirst();
        assertThat(gaveUp.getLastStatusSeen()).isEqualTo("received");
        assertThat(gaveUp.getEventId()).isEqualTo(EventIds.deterministic(orderNo, "reconciliation-gave-up"));
        assertThat(gaveUp.getQueriesMade()).isEqualTo((int) useePay.queries(orderNo));
    }

    @Test
    void anUnreadableOrderEventGoesToTheDeadLetterTopicWithItsReason() {
        String key = newOrderNo("poison");
        events.garbage(PaymentTopics.ORDERS.name(), key);

        await().atMost(Duration.ofSeconds(15)).until(() -> !deadLetters(key).isEmpty());
        ConsumerRecord<String, byte[]> deadLetter = deadLetters(key).getFirst();
        assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(PaymentTopics.ORDERS.name());
        assertThat(header(deadLetter, "kafka_dlt-exception-fqcn")).isNotBlank();
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");

        String after = placedOrder("after-poison", 20);
        await().atMost(Duration.ofSeconds(15)).until(() -> !findings(after).isEmpty());
    }

    @Test
    void anOrderEventWithoutAKeyGoesToTheDeadLetterTopicAndIsNotTracked() {
        String orderNo = newOrderNo("no-key");
        Instant created = Instant.now();
        events.orderCreated(null, orderNo, created, announcedExpiry(created, 1));

        await().atMost(Duration.ofSeconds(15)).until(() -> !deadLettersOfOrder(orderNo).isEmpty());
        assertThat(header(deadLettersOfOrder(orderNo).getFirst(), "kafka_dlt-exception-message"))
                .contains("without an order-number key");
        awaitReconcilerRead();
        await().during(A_WHILE).atMost(A_WHILE.plusSeconds(5)).untilAsserted(() -> {
            assertThat(findings(orderNo)).isEmpty();
            assertThat(gaveUps(orderNo)).isEmpty();
        });
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
