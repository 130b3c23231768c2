package com.merchantpay.ops.refund;

import static com.merchantpay.ops.support.OpsRun.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.events.refund.RefundApproved;
import com.merchantpay.events.refund.RefundRefused;
import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.events.refund.RefundSucceeded;
import com.merchantpay.ops.support.OpsRun;
import com.merchantpay.ops.support.SampleOrderEvents;
import com.merchantpay.ops.decoding.DecodedValue;
import com.merchantpay.ops.decoding.EventDecoder;
import com.merchantpay.ops.decoding.SchemaRegistry;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.topics.TopicSpec;
import com.merchantpay.schemas.tracing.TraceHeaders;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's refund: a dry run that shows the order's money from its history, and with
 * {@code --yes} exactly one audited {@code RefundRequested} per refund, never a call to UseePay.
 * The ledger's decision is played here by writing it; the real ledger is exercised end to end.
 */
class RefundCommandIT {

    @BeforeAll
    static void topics() {
        SharedInfrastructure.provisionPaymentTopics();
    }

    @Test
    void aDryRunShowsPaidRefundedPendingAndRefundableAndWritesNothing() {
        String orderNo = newOrder();
        Instant start = Instant.now().minusSeconds(60);
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            send(writer, PaymentTopics.OUTCOMES, orderNo, paid(orderNo, 5_000), start);
            send(writer, PaymentTopics.REFUND_REQUESTS, orderNo, requested(orderNo, "RF-A", 1_000), start.plusSeconds(1));
            send(writer, PaymentTopics.REFUNDS, orderNo, approved(orderNo, "RF-A", 1_000), start.plusSeconds(2));
            send(writer, PaymentTopics.OUTCOMES, orderNo, succeeded(orderNo, "RF-A", 1_000), start.plusSeconds(3));
            send(writer, PaymentTopics.REFUND_REQUESTS, orderNo, requested(orderNo, "RF-B", 500), start.plusSeconds(4));
            send(writer, PaymentTopics.REFUNDS, orderNo, approved(orderNo, "RF-B", 500), start.plusSeconds(5));
        }

        OpsRun run = ops("refund", orderNo, "--reason", "damaged in transit", "--operator", "alice");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("paid\\s+5000 HKD")
                .containsPattern("refunded\\s+1000\\n")
                .containsPattern("pending\\s+500\\n")
                .containsPattern("refundable\\s+3500\\n")
                .contains("RF-A 1000 SUCCEEDED", "RF-B 500 APPROVED")
                .contains("of 3500 HKD, reason \"damaged in transit\", requested by alice")
                .contains("dry run: nothing sent");
        assertThat(requestsOf(orderNo)).hasSize(2);
    }

    @Test
    void withYesOneAuditedRequestIsWrittenAndRunningTheSameCommandAgainWritesNothing() {
        String orderNo = newOrder();
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            send(writer, PaymentTopics.OUTCOMES, orderNo, paid(orderNo, 5_000), Instant.now());
        }
        String[] command = {"refund", orderNo, "--amount", "1200", "--reason", "late delivery", "--operator", "alice",
                "--yes", "--wait", "0"};

        OpsRun first = ops(command);

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("sent; no decision within 0s");
        List<ConsumerRecord<String, byte[]>> requests = requestsOf(orderNo);
        assertThat(requests).hasSize(1);
        DecodedValue request = decode(requests.getFirst().value());
        assertThat(request.type()).isEqualTo("RefundRequested");
        assertThat(request.body().path("amountMinor").asLong()).isEqualTo(1_200L);
        assertThat(request.body().path("currency").asText()).isEqualTo("HKD");
        assertThat(request.body().path("reason").asText()).isEqualTo("late delivery");
        assertThat(request.body().path("requestedBy").asText()).isEqualTo("alice");
        String refundId = request.body().path("refundId").asText();
        assertThat(refundId).matches("RF[0-9A-F]{32}");
        assertThat(first.out()).contains("refund " + refundId + " of 1200 HKD");
        assertThat(OpsRun.header(requests.getFirst(), TraceHeaders.KAFKA_HEADER)).isEqualTo(request.traceIdField());

        OpsRun again = ops(command);

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("refund " + refundId + " was already asked for: REQUESTED. Nothing sent");
        assertThat(requestsOf(orderNo)).hasSize(1);
    }

    @Test
    void aRefundPastWhatIsRefundableOrForAnUnpaidOrderIsRefusedAndNothingIsWritten() {
        String paidOrder = newOrder();
        String unpaidOrder = newOrder();
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            send(writer, PaymentTopics.OUTCOMES, paidOrder, paid(paidOrder, 5_000), Instant.now());
        }

        OpsRun tooMuch = ops("refund", paidOrder, "--amount", "5001", "--reason", "oops", "--yes");
        OpsRun unpaid = ops("refund", unpaidOrder, "--reason", "oops", "--yes");

        assertThat(tooMuch.exitCode()).as(tooMuch.toString()).isEqualTo(2);
        assertThat(tooMuch.err()).contains("error: refund of 5001 exceeds what is refundable (5000 HKD)");
        assertThat(unpaid.exitCode()).as(unpaid.toString()).isEqualTo(2);
        assertThat(unpaid.err()).contains("has no payment on record: nothing to refund");
        assertThat(requestsOf(paidOrder)).isEmpty();
        assertThat(requestsOf(unpaidOrder)).isEmpty();
    }

    @Test
    void theLedgersDecisionIsReportedAndARefusalExitsWithTwo() throws Exception {
        String orderNo = newOrder();
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            send(writer, PaymentTopics.OUTCOMES, orderNo, paid(orderNo, 5_000), Instant.now());
        }

        CompletableFuture<OpsRun> run = CompletableFuture.supplyAsync(() -> ops("refund", orderNo, "--amount", "700",
                "--reason", "goodwill", "--operator", "bob", "--yes", "--wait", "60"));
        ConsumerRecord<String, byte[]> sent = await().atMost(Duration.ofSeconds(60))
                .until(() -> requestsOf(orderNo), requests -> !requests.isEmpty()).getFirst();
        String refundId = decode(sent.value()).body().path("refundId").asText();
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            send(writer, PaymentTopics.REFUNDS, orderNo, refused(orderNo, refundId, 700), Instant.now());
        }

        OpsRun finished = run.get(90, TimeUnit.SECONDS);
        assertThat(finished.exitCode()).as(finished.toString()).isEqualTo(2);
        assertThat(finished.out()).contains("refused by the refund ledger: EXCEEDS_REFUNDABLE (another refund got there first)");
    }

    private static DecodedValue decode(byte[] value) {
        return new EventDecoder(new SchemaRegistry(SharedInfrastructure.registryUrl(), Duration.ofSeconds(10))).decode(value);
    }

    private static String newOrder() {
        return "ORD-" + UUID.randomUUID();
    }

    private static List<ConsumerRecord<String, byte[]>> requestsOf(String orderNo) {
        return OpsRun.recordsOn(PaymentTopics.REFUND_REQUESTS.name()).stream()
                .filter(record -> orderNo.equals(record.key()))
                .toList();
    }

    private static void send(SampleOrderEvents writer, TopicSpec topic, String orderNo,
                             SpecificRecordBase event, Instant at) {
        writer.send(topic.name(), orderNo, event, at, "trace-" + orderNo);
    }

    private static PaymentSucceeded paid(String orderNo, long amount) {
        PaymentSucceeded event = SampleOrderEvents.filled(new PaymentSucceeded(), orderNo, "trace-" + orderNo);
        event.setAmountMinor(amount);
        return event;
    }

    private static RefundRequested requested(String orderNo, String refundId, long amount) {
        RefundRequested event = SampleOrderEvents.filled(new RefundRequested(), orderNo, "trace-" + orderNo);
        event.setRefundId(refundId);
        event.setAmountMinor(amount);
        event.setReason("customer asked");
        event.setRequestedBy("carol");
        return event;
    }

    private static RefundApproved approved(String orderNo, String refundId, long amount) {
        RefundApproved event = SampleOrderEvents.filled(new RefundApproved(), orderNo, "trace-" + orderNo);
        event.setRefundId(refundId);
        event.setAmountMinor(amount);
        return event;
    }

    private static RefundSucceeded succeeded(String orderNo, String refundId, long amount) {
        RefundSucceeded event = SampleOrderEvents.filled(new RefundSucceeded(), orderNo, "trace-" + orderNo);
        event.setRefundId(refundId);
        event.setAmountMinor(amount);
        return event;
    }

    private static RefundRefused refused(String orderNo, String refundId, long amount) {
        RefundRefused event = SampleOrderEvents.filled(new RefundRefused(), orderNo, "trace-" + orderNo);
        event.setRefundId(refundId);
        event.setAmountMinor(amount);
        event.setCode("EXCEEDS_REFUNDABLE");
        event.setMessage("another refund got there first");
        return event;
    }
}
