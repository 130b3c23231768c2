package com.merchantpay.notify.outcome;

import static com.merchantpay.notify.support.PaymentInputs.AMOUNT;
import static com.merchantpay.notify.support.PaymentInputs.CURRENCY;
import static com.merchantpay.notify.support.PaymentInputs.newOrderNo;
import static com.merchantpay.notify.support.PaymentInputs.notification;
import static com.merchantpay.notify.support.PaymentInputs.orderCreated;
import static com.merchantpay.notify.support.PaymentInputs.orderRejected;
import static com.merchantpay.notify.support.PaymentInputs.query;
import static com.merchantpay.notify.support.PaymentInputs.refundNotification;
import static com.merchantpay.notify.support.PaymentInputs.refundRequest;
import static com.merchantpay.notify.support.PaymentInputs.refundSubmitted;
import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.alert.FindingWithoutOrder;
import com.merchantpay.events.alert.PaymentAmountMismatch;
import com.merchantpay.events.outcome.OrderClosed;
import com.merchantpay.events.outcome.PaymentFailed;
import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.events.outcome.RefundRequired;
import com.merchantpay.events.refund.RefundApproved;
import com.merchantpay.events.refund.RefundFailed;
import com.merchantpay.events.refund.RefundRefused;
import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.events.refund.RefundSucceeded;
import com.merchantpay.schemas.kafka.StreamsDeadLetters;
import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.serde.EventDeserializer;
import com.merchantpay.schemas.serde.EventSerializer;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SharedInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Every transition of the settlement state machine through the real topology, the real Avro serde
 * and the real registry; only the broker is TopologyTestDriver's (the broker tests are elsewhere).
 * The serde needs the registry for every schema id, and a registry stand-in is not allowed, so this
 * runs in the integration tier (the registry starts once per test JVM, the broker it shares is idle).
 */
class OutcomeTopologyIT {

    private static final Duration FINDING_WAIT = Duration.ofMinutes(5);
    private static final Duration RETENTION = Duration.ofHours(6);
    private static final RegisteredSchemas SCHEMAS = RegisteredSchemas.of(SharedInfrastructure.registryUrl());

    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> orders;
    private TestInputTopic<String, SpecificRecord> findings;
    private TestInputTopic<String, SpecificRecord> queries;
    private Instant wallClock;
    private TestOutputTopic<String, SpecificRecord> outcomes;
    private TestOutputTopic<String, SpecificRecord> alerts;
    private TestOutputTopic<String, SpecificRecord> refundDecisions;
    private TestOutputTopic<String, SpecificRecord> refundRequestsOut;
    private TestInputTopic<String, SpecificRecord> refundRequests;
    private TestInputTopic<String, SpecificRecord> refundWorkflow;


    @BeforeEach
    void startDriver() throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "outcome-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ttd").toString());
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetters.class);
        wallClock = Instant.now();
        driver = new TopologyTestDriver(
                OutcomeTopology.build(new EventDeserializer(SCHEMAS), new EventSerializer(SCHEMAS), FINDING_WAIT, Duration.ofSeconds(1), RETENTION, new SimpleMeterRegistry()), config, wallClock);
        orders = driver.createInputTopic(PaymentTopics.ORDERS.name(), new StringSerializer(), new EventSerializer(SCHEMAS));
        findings = driver.createInputTopic(PaymentTopics.PSP_FINDINGS.name(), new StringSerializer(), new EventSerializer(SCHEMAS));
        queries = driver.createInputTopic(PaymentTopics.PSP_QUERIES.name(), new StringSerializer(), new EventSerializer(SCHEMAS));
        outcomes = driver.createOutputTopic(PaymentTopics.OUTCOMES.name(), new StringDeserializer(), OutcomeTopologyIT::specific);
        alerts = driver.createOutputTopic(PaymentTopics.ALERTS.name(), new StringDeserializer(), OutcomeTopologyIT::specific);
        refundDecisions = driver.createOutputTopic(PaymentTopics.REFUNDS.name(), new StringDeserializer(), OutcomeTopologyIT::specific);
        refundRequestsOut = driver.createOutputTopic(PaymentTopics.REFUND_REQUESTS.name(), new StringDeserializer(), OutcomeTopologyIT::specific);
        refundRequests = driver.createInputTopic(PaymentTopics.REFUND_REQUESTS.name(), new StringSerializer(), new EventSerializer(SCHEMAS));
        refundWorkflow = driver.createInputTopic(PaymentTopics.REFUNDS.name(), new StringSerializer(), new EventSerializer(SCHEMAS));
    }

    private static SpecificRecord specific(String topic, byte[] value) {
        return (SpecificRecord) new EventDeserializer(SCHEMAS).deserialize(topic, value);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aVerifiedSucceedSettlesTheOrderWithTheOrdersAmountAndADeterministicId() {
        String orderNo = newOrderNo("paid");
        orders.pipeInput(orderNo, orderCreated(orderNo));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));

        List<TestRecord<String, SpecificRecord>> published = outcomes.readRecordsToList();
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(orderNo);
            assertThat(record.headers().lastHeader("trace-id").value())
                    .isEqualTo(("trace-" + orderNo).getBytes(StandardCharsets.UTF_8));
            PaymentSucceeded succeeded = (PaymentSucceeded) record.value();
            assertThat(succeeded.getEventId()).isEqualTo(EventIds.deterministic(orderNo, "outcome"));
            assertThat(succeeded.getAmountMinor()).isEqualTo(AMOUNT);
            assertThat(succeeded.getCurrency()).isEqualTo(CURRENCY);
            assertThat(succeeded.getDecidedBy()).isEqualTo("notification");
            assertThat(succeeded.getTraceId()).isEqualTo("trace-" + orderNo);
        });
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void duplicatesAndAQueryRacingTheNotificationCollapseToOneOutcome() {
        String orderNo = newOrderNo("dup");
        orders.pipeInput(orderNo, orderCreated(orderNo));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        queries.pipeInput(orderNo, query(orderNo, "succeed", AMOUNT, CURRENCY));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));

        assertThat(outcomes.readValuesToList()).singleElement().isInstanceOf(PaymentSucceeded.class);
    }

    @Test
    void failedAndCancelledBecomePaymentFailed() {
        String failed = newOrderNo("failed");
        String cancelled = newOrderNo("cancelled");
        orders.pipeInput(failed, orderCreated(failed));
        orders.pipeInput(cancelled, orderCreated(cancelled));
        findings.pipeInput(failed, notification(failed, "failed"));
        queries.pipeInput(cancelled, query(cancelled, "cancelled", null, null));

        List<SpecificRecord> published = outcomes.readValuesToList();
        assertThat(published).hasSize(2).allMatch(PaymentFailed.class::isInstance);
        assertThat(published).map(event -> ((PaymentFailed) event).getStatus()).containsExactly("failed", "cancelled");
        assertThat(published).map(event -> ((PaymentFailed) event).getDecidedBy()).containsExactly("notification", "query");
    }

    @Test
    void closedThenSucceedIsOneOrderClosedAndOneRefundRequired() {
        String orderNo = newOrderNo("paid-after-close");
        orders.pipeInput(orderNo, orderCreated(orderNo));
        findings.pipeInput(orderNo, notification(orderNo, "closed"));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        queries.pipeInput(orderNo, query(orderNo, "succeed", AMOUNT, CURRENCY));

        List<SpecificRecord> published = outcomes.readValuesToList();
        assertThat(published).hasSize(2);
        assertThat(published.get(0)).isInstanceOf(OrderClosed.class);
        RefundRequired refund = (RefundRequired) published.get(1);
        assertThat(refund.getReason()).isEqualTo("PAID_AFTER_CLOSED");
        assertThat(refund.getAmountMinor()).isEqualTo(AMOUNT);
        assertThat(refund.getEventId()).isEqualTo(EventIds.deterministic(orderNo, "refund-required"));
    }

    @Test
    void succeedAfterFailedOrRejectedAlsoAsksForARefund() {
        String failed = newOrderNo("paid-after-failed");
        String rejected = newOrderNo("paid-after-rejected");
        orders.pipeInput(failed, orderCreated(failed));
        findings.pipeInput(failed, notification(failed, "failed"));
        findings.pipeInput(failed, notification(failed, "succeed"));
        orders.pipeInput(rejected, orderRejected(rejected));
        findings.pipeInput(rejected, notification(rejected, "succeed"));

        List<SpecificRecord> published = outcomes.readValuesToList();
        assertThat(published).map(event -> event.getSchema().getName())
                .containsExactly("PaymentFailed", "RefundRequired", "RefundRequired");
        assertThat(((RefundRequired) published.get(2)).getReason()).isEqualTo("PAID_AFTER_REJECTED");
        assertThat(((RefundRequired) published.get(2)).getAmountMinor()).isEqualTo(AMOUNT);
    }

    @Test
    void closedAfterSucceedIsRecordedNotEmitted() {
        String orderNo = newOrderNo("closed-after-paid");
        orders.pipeInput(orderNo, orderCreated(orderNo));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        findings.pipeInput(orderNo, notification(orderNo, "closed"));
        queries.pipeInput(orderNo, query(orderNo, "failed", AMOUNT, CURRENCY));

        assertThat(outcomes.readValuesToList()).singleElement().isInstanceOf(PaymentSucceeded.class);
        OrderSettlement settlement = driver.<String, OrderSettlement>getKeyValueStore(OutcomeProcessor.SETTLEMENTS).get(orderNo);
        assertThat(settlement.phase()).isEqualTo(SettlementPhase.PAID);
        assertThat(settlement.findingsIgnored()).isEqualTo(2);
    }

    @Test
    void nonFinalStatusesDecideNothing() {
        String orderNo = newOrderNo("pending");
        orders.pipeInput(orderNo, orderCreated(orderNo));
        findings.pipeInput(orderNo, notification(orderNo, "received"));
        findings.pipeInput(orderNo, notification(orderNo, "pending"));
        queries.pipeInput(orderNo, query(orderNo, "not_found", null, null));
        findings.pipeInput(orderNo, notification(orderNo, "gather"));
        assertThat(outcomes.isEmpty()).isTrue();

        queries.pipeInput(orderNo, query(orderNo, "succeed", null, null));
        assertThat(outcomes.readValuesToList()).singleElement().satisfies(event ->
                assertThat(((PaymentSucceeded) event).getDecidedBy()).isEqualTo("query"));
    }

    @Test
    void aWrongAmountOrCurrencyIsAnAlertNeverAnOutcome() {
        String orderNo = newOrderNo("mismatch");
        orders.pipeInput(orderNo, orderCreated(orderNo));
        findings.pipeInput(orderNo, notification(orderNo, "succeed", AMOUNT + 1, CURRENCY));
        findings.pipeInput(orderNo, notification(orderNo, "succeed", AMOUNT + 1, CURRENCY));
        findings.pipeInput(orderNo, notification(orderNo, "succeed", AMOUNT, "USD"));
        queries.pipeInput(orderNo, query(orderNo, "succeed", 1L, CURRENCY));

        assertThat(outcomes.isEmpty()).isTrue();
        List<SpecificRecord> raised = alerts.readValuesToList();
        assertThat(raised).as("one alert per distinct finding, retries included").hasSize(3)
                .allMatch(PaymentAmountMismatch.class::isInstance);
        PaymentAmountMismatch first = (PaymentAmountMismatch) raised.get(0);
        assertThat(first.getExpectedAmountMinor()).isEqualTo(AMOUNT);
        assertThat(first.getReportedAmountMinor()).isEqualTo(AMOUNT + 1);
        assertThat(((PaymentAmountMismatch) raised.get(1)).getReportedCurrency()).isEqualTo("USD");

        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        assertThat(outcomes.readValuesToList()).singleElement().isInstanceOf(PaymentSucceeded.class);
    }

    @Test
    void aNotificationBeforeOrderCreatedWaitsAndSettlesWhenTheOrderArrives() {
        String orderNo = newOrderNo("early");
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        assertThat(outcomes.isEmpty()).isTrue();

        orders.pipeInput(orderNo, orderCreated(orderNo));
        assertThat(outcomes.readValuesToList()).singleElement().isInstanceOf(PaymentSucceeded.class);
        driver.advanceWallClockTime(FINDING_WAIT.plusMinutes(1));
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void earlyFindingsAreDecidedInArrivalOrderOnceTheOrderArrives() {
        String orderNo = newOrderNo("early-race");
        findings.pipeInput(orderNo, notification(orderNo, "closed"));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        orders.pipeInput(orderNo, orderCreated(orderNo));

        assertThat(outcomes.readValuesToList()).map(event -> event.getSchema().getName())
                .containsExactly("OrderClosed", "RefundRequired");
    }

    @Test
    void aFindingThatWaitsTooLongIsAlertedOnceAndStillSettlesALateOrder() {
        String orderNo = newOrderNo("orphan");
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        driver.advanceWallClockTime(FINDING_WAIT.minusSeconds(10));
        assertThat(alerts.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(20));
        List<SpecificRecord> raised = alerts.readValuesToList();
        assertThat(raised).singleElement().isInstanceOf(FindingWithoutOrder.class);
        FindingWithoutOrder alert = (FindingWithoutOrder) raised.get(0);
        assertThat(alert.getReportedStatus()).isEqualTo("succeed");
        assertThat(alert.getWaitedMillis()).isGreaterThanOrEqualTo(FINDING_WAIT.toMillis());

        driver.advanceWallClockTime(FINDING_WAIT.multipliedBy(2));
        assertThat(alerts.isEmpty()).isTrue();

        orders.pipeInput(orderNo, orderCreated(orderNo));
        assertThat(outcomes.readValuesToList()).singleElement().isInstanceOf(PaymentSucceeded.class);
    }

    /**
     * The store holds what is live plus the retention: a settled order is forgotten once the retention
     * has passed, and a late duplicate of its notification then becomes an alert for a human, never a
     * second outcome.
     */
    @Test
    void aSettledOrderIsForgottenAfterTheRetentionAndALateNotificationBecomesAnAlertNotASecondOutcome() {
        String orderNo = newOrderNo("forgotten");
        orders.pipeInput(orderNo, orderCreated(orderNo));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        assertThat(outcomes.readValuesToList()).singleElement().isInstanceOf(PaymentSucceeded.class);

        advance(RETENTION.minusMinutes(1));
        assertThat(driver.<String, OrderSettlement>getKeyValueStore(OutcomeProcessor.SETTLEMENTS).get(orderNo))
                .as("still within the retention").isNotNull();
        advance(Duration.ofMinutes(2));
        assertThat(driver.<String, OrderSettlement>getKeyValueStore(OutcomeProcessor.SETTLEMENTS).get(orderNo))
                .as("forgotten").isNull();

        findings.pipeInput(orderNo, notification(orderNo, "succeed"), driverNow());
        advance(FINDING_WAIT.plusMinutes(1));
        assertThat(outcomes.isEmpty()).as("no second outcome").isTrue();
        assertThat(alerts.readValuesToList()).singleElement().isInstanceOf(FindingWithoutOrder.class);
    }

    /** A replay of inputs older than the retention cannot bring a forgotten order back to a second outcome. */
    @Test
    void inputsOlderThanTheRetentionAreHistoryAndDecideNothing() {
        String orderNo = newOrderNo("history");
        Instant longAgo = driverNow().minus(RETENTION).minusSeconds(60);
        orders.pipeInput(orderNo, orderCreated(orderNo), longAgo);
        findings.pipeInput(orderNo, notification(orderNo, "succeed"), longAgo.plusSeconds(30));

        assertThat(outcomes.isEmpty()).isTrue();
        assertThat(driver.<String, OrderSettlement>getKeyValueStore(OutcomeProcessor.SETTLEMENTS).get(orderNo)).isNull();
    }

    /** The driver's wall clock, which record timestamps are compared against. */
    private Instant driverNow() {
        return wallClock;
    }

    private void advance(Duration by) {
        wallClock = wallClock.plus(by);
        driver.advanceWallClockTime(by);
    }

    @Test
    void aRefundNotificationIsRecordedAndNeverTakenForAPayment() {
        String orderNo = newOrderNo("refunded");
        orders.pipeInput(orderNo, orderCreated(orderNo));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        findings.pipeInput(orderNo, refundNotification(orderNo));
        String unknown = newOrderNo("refund-of-unknown");
        findings.pipeInput(unknown, refundNotification(unknown));
        driver.advanceWallClockTime(FINDING_WAIT.plusMinutes(1));

        assertThat(outcomes.readValuesToList()).singleElement().isInstanceOf(PaymentSucceeded.class);
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(driver.<String, OrderSettlement>getKeyValueStore(OutcomeProcessor.SETTLEMENTS).get(orderNo)
                .refundsRecorded()).isEqualTo(1);
    }

    /**
     * The refund ledger: partial refunds up to what was paid, one past it refused, a repeated request
     * or notification changing nothing, and exactly one outcome per refund.
     */
    @Test
    void partialRefundsAreApprovedUpToWhatWasPaidAndEachEndsInExactlyOneOutcome() {
        String orderNo = newOrderNo("refunds");
        orders.pipeInput(orderNo, orderCreated(orderNo));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        outcomes.readValuesToList();

        refundRequests.pipeInput(orderNo, refundRequest(orderNo, "RF-A", 600));
        refundRequests.pipeInput(orderNo, refundRequest(orderNo, "RF-B", 500));
        refundRequests.pipeInput(orderNo, refundRequest(orderNo, "RF-A", 600));
        refundRequests.pipeInput(orderNo, refundRequest(orderNo, "RF-C", 400));
        List<SpecificRecord> decisions = refundDecisions.readValuesToList();
        assertThat(decisions).map(event -> event.getSchema().getName())
                .containsExactly("RefundApproved", "RefundRefused", "RefundApproved");
        assertThat(((RefundApproved) decisions.get(0)).getRefundableAfterMinor()).isEqualTo(400);
        assertThat(((RefundRefused) decisions.get(1)).getCode()).isEqualTo("EXCEEDS_REFUNDABLE");
        assertThat(((RefundApproved) decisions.get(2)).getRefundableAfterMinor()).isZero();

        refundWorkflow.pipeInput(orderNo, refundSubmitted(orderNo, "RF-A", "ACCEPTED"));
        findings.pipeInput(orderNo, refundNotification(orderNo, "RF-A", "succeed", 600));
        findings.pipeInput(orderNo, refundNotification(orderNo, "RF-A", "succeed", 600));
        refundWorkflow.pipeInput(orderNo, refundSubmitted(orderNo, "RF-C", "REJECTED"));

        List<SpecificRecord> refunded = outcomes.readValuesToList();
        assertThat(refunded).map(event -> event.getSchema().getName()).containsExactly("RefundSucceeded", "RefundFailed");
        RefundSucceeded succeeded = (RefundSucceeded) refunded.get(0);
        assertThat(succeeded.getRefundedTotalMinor()).isEqualTo(600);
        assertThat(succeeded.getPaidMinor()).isEqualTo(AMOUNT);
        assertThat(((RefundFailed) refunded.get(1)).getRefundId()).isEqualTo("RF-C");

        // The failed refund's 400 is refundable again; nothing more than that.
        refundRequests.pipeInput(orderNo, refundRequest(orderNo, "RF-D", 401));
        refundRequests.pipeInput(orderNo, refundRequest(orderNo, "RF-E", 400));
        assertThat(refundDecisions.readValuesToList()).map(event -> event.getSchema().getName())
                .containsExactly("RefundRefused", "RefundApproved");
        assertThat(driver.<String, OrderSettlement>getKeyValueStore(OutcomeProcessor.SETTLEMENTS).get(orderNo).book().refundableMinor())
                .isZero();
    }

    @Test
    void moneyTakenAfterTheOrderClosedIsAskedBackAutomaticallyOnce() {
        String orderNo = newOrderNo("auto-refund");
        orders.pipeInput(orderNo, orderCreated(orderNo));
        findings.pipeInput(orderNo, notification(orderNo, "closed"));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));

        List<SpecificRecord> asked = refundRequestsOut.readValuesToList();
        assertThat(asked).singleElement().isInstanceOf(RefundRequested.class);
        RefundRequested request = (RefundRequested) asked.getFirst();
        assertThat(request.getAmountMinor()).isEqualTo(AMOUNT);
        assertThat(request.getReason()).isEqualTo("PAID_AFTER_CLOSED");

        refundRequests.pipeInput(orderNo, request);
        assertThat(refundDecisions.readValuesToList()).singleElement().isInstanceOf(RefundApproved.class);
    }

    @Test
    void anOrderThatTookNoMoneyRefundsNothing() {
        String orderNo = newOrderNo("unpaid-refund");
        orders.pipeInput(orderNo, orderCreated(orderNo));
        refundRequests.pipeInput(orderNo, refundRequest(orderNo, "RF-X", 100));

        assertThat(refundDecisions.readValuesToList()).singleElement()
                .satisfies(event -> assertThat(((RefundRefused) event).getCode()).isEqualTo("NOT_PAID"));
    }

    @Test
    void replayingEveryInputPublishesNothingNew() {
        String orderNo = newOrderNo("replay");
        List<Runnable> inputs = List.of(
                () -> findings.pipeInput(orderNo, notification(orderNo, "pending")),
                () -> orders.pipeInput(orderNo, orderCreated(orderNo)),
                () -> findings.pipeInput(orderNo, notification(orderNo, "succeed")),
                () -> queries.pipeInput(orderNo, query(orderNo, "succeed", AMOUNT, CURRENCY)));
        inputs.forEach(Runnable::run);
        assertThat(outcomes.readValuesToList()).hasSize(1);

        inputs.forEach(Runnable::run);
        assertThat(outcomes.isEmpty()).isTrue();
        assertThat(alerts.isEmpty()).isTrue();
    }

    /** Before release 0.2 the reconciler wrote its queries to the notifications' topic: a replay of those still settles. */
    @Test
    void aQueryFindingWrittenToTheFindingsTopicByAnOlderReconcilerStillSettlesTheOrder() {
        String orderNo = newOrderNo("old-query");
        orders.pipeInput(orderNo, orderCreated(orderNo));
        findings.pipeInput(orderNo, query(orderNo, "succeed", AMOUNT, CURRENCY));

        assertThat(outcomes.readValuesToList()).singleElement().isInstanceOf(PaymentSucceeded.class);
    }

    @Test
    void aPoisonRecordIsHandedToTheDeadLetterHandlerAndTheNextRecordIsProcessed() {
        String orderNo = newOrderNo("poison");
        TestInputTopic<String, byte[]> rawOrders =
                driver.createInputTopic(PaymentTopics.ORDERS.name(), new StringSerializer(), new ByteArraySerializer());

        rawOrders.pipeInput(orderNo, "not avro".getBytes(StandardCharsets.UTF_8));
        orders.pipeInput(orderNo, orderCreated(orderNo));
        findings.pipeInput(orderNo, notification(orderNo, "succeed"));

        // TopologyTestDriver does not deliver a handler's dead letters; StreamsDeadLettersTest checks
        // the record it builds and OutcomeOnBrokerIT finds it on the real dead-letter topic.
        assertThat(outcomes.readValuesToList()).singleElement().isInstanceOf(PaymentSucceeded.class);
    }
}
