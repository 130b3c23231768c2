package com.merchantpay.e2e.chaos;

import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.kafka.KafkaClients;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A refund request written straight onto {@code payments.refund-requests.v1}, past the ops tool's own
 * check: the record {@code ops refund} writes (same event id, refund id, key and trace header), as a
 * stale view, another tool or an operator's script re-sending it would. The ledger is what must hold.
 */
final class RefundRequestWriter {

    private static final Duration MAX_BLOCK = Duration.ofSeconds(10);
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    private final String bootstrapServers;
    private final String registryUrl;

    RefundRequestWriter(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /** Throws when the broker did not take it (a restart): the operator tries again later with the same refund id. */
    void write(String orderNo, String refundId, long amountMinor, String currency, String reason, String operator) {
        RefundRequested request = RefundRequested.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "RefundRequested", refundId)).setOccurredAt(Instant.now())
                .setOrderNo(orderNo).setTraceId(UUID.randomUUID().toString()).setRefundId(refundId)
                .setAmountMinor(amountMinor).setCurrency(currency).setReason(reason).setRequestedBy(operator).build();
        var config = KafkaClients.eventProducer(bootstrapServers, registryUrl, MAX_BLOCK, DELIVERY);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(PaymentTopics.REFUND_REQUESTS.name(), orderNo, request);
            record.headers().add(TraceHeaders.KAFKA_HEADER, request.getTraceId().getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(DELIVERY.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing refund request " + refundId, e);
        } catch (Exception e) {
            throw new IllegalStateException("refund request " + refundId + " not written: " + e, e);
        }
    }
}
