package com.merchantpay.ops.support;

import com.merchantpay.events.alert.CheckoutDeadLettered;
import com.merchantpay.events.alert.FindingWithoutOrder;
import com.merchantpay.events.alert.PaymentAmountMismatch;
import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.OrderRejected;
import com.merchantpay.events.outcome.OrderClosed;
import com.merchantpay.events.outcome.PaymentFailed;
import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.events.outcome.RefundRequired;
import com.merchantpay.events.psp.PspNotificationVerified;
import com.merchantpay.events.psp.PspStatusQueried;
import com.merchantpay.events.reconciliation.ReconciliationGaveUp;
import com.merchantpay.events.refund.RefundApproved;
import com.merchantpay.events.refund.RefundFailed;
import com.merchantpay.events.refund.RefundRefused;
import com.merchantpay.events.refund.RefundRequested;
import com.merchantpay.events.refund.RefundSubmitted;
import com.merchantpay.events.refund.RefundSucceeded;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Events of every order-keyed type, filled with plausible values, keyed by order number with a
 * trace-id header, in the Confluent wire format against the real registry.
 */
public final class SampleOrderEvents implements AutoCloseable {

    /** Every order-keyed event type and the topic it lives on. */
    public record Placed(String topic, SpecificRecordBase event) {
    }

    private final KafkaProducer<String, SpecificRecord> producer;

    /** Values exactly as the services write them: the team's serializer, schemas registered by the deployment step. */
    public SampleOrderEvents() {
        this.producer = new KafkaProducer<>(SharedInfrastructure.eventProducerConfig());
    }

    /** One event of each of the nineteen order-keyed types, on its catalogue topic, in workflow order. */
    public static List<Placed> everyOrderEvent(String orderNo, String traceId) {
        return List.of(
                new Placed(PaymentTopics.CHECKOUTS.name(), filled(new CheckoutRequested(), orderNo, traceId)),
                new Placed(PaymentTopics.ORDERS.name(), filled(new OrderCreated(), orderNo, traceId)),
                new Placed(PaymentTopics.ORDERS.name(), filled(new OrderRejected(), orderNo, traceId)),
                new Placed(PaymentTopics.PSP_FINDINGS.name(), filled(new PspNotificationVerified(), orderNo, traceId)),
                new Placed(PaymentTopics.PSP_FINDINGS.name(), filled(new PspStatusQueried(), orderNo, traceId)),
                new Placed(PaymentTopics.OUTCOMES.name(), filled(new PaymentSucceeded(), orderNo, traceId)),
                new Placed(PaymentTopics.OUTCOMES.name(), filled(new PaymentFailed(), orderNo, traceId)),
                new Placed(PaymentTopics.OUTCOMES.name(), filled(new OrderClosed(), orderNo, traceId)),
                new Placed(PaymentTopics.OUTCOMES.name(), filled(new RefundRequired(), orderNo, traceId)),
                new Placed(PaymentTopics.REFUND_REQUESTS.name(), filled(new RefundRequested(), orderNo, traceId)),
                new Placed(PaymentTopics.REFUNDS.name(), filled(new RefundApproved(), orderNo, traceId)),
                new Placed(PaymentTopics.REFUNDS.name(), filled(new RefundSubmitted(), orderNo, traceId)),
                new Placed(PaymentTopics.OUTCOMES.name(), filled(new RefundSucceeded(), orderNo, traceId)),
                new Placed(PaymentTopics.REFUNDS.name(), filled(new RefundRefused(), orderNo, traceId)),
                new Placed(PaymentTopics.OUTCOMES.name(), filled(new RefundFailed(), orderNo, traceId)),
                new Placed(PaymentTopics.ALERTS.name(), filled(new PaymentAmountMismatch(), orderNo, traceId)),
                new Placed(PaymentTopics.ALERTS.name(), filled(new FindingWithoutOrder(), orderNo, traceId)),
                new Placed(PaymentTopics.ALERTS.name(), filled(new ReconciliationGaveUp(), orderNo, traceId)),
                new Placed(PaymentTopics.ALERTS.name(), filled(new CheckoutDeadLettered(), orderNo, traceId)));
    }

    /** Writes one event with an explicit record timestamp and waits for the broker's acknowledgement. */
    public RecordMetadata send(String topic, String orderNo, SpecificRecordBase event, Instant timestamp, String traceId) {
        ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), orderNo, event);
        record.headers().add(TraceHeaders.KAFKA_HEADER, traceId.getBytes(StandardCharsets.UTF_8));
        try {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not write the sample event", e);
        }
    }

    /** Fills every field from its schema: strings name the field, numbers are small, timestamps now. */
    public static <T extends SpecificRecordBase> T filled(T event, String orderNo, String traceId) {
        for (Schema.Field field : event.getSchema().getFields()) {
            event.put(field.pos(), valueFor(field, orderNo, traceId));
        }
        return event;
    }

    private static Object valueFor(Schema.Field field, String orderNo, String traceId) {
        return switch (field.name()) {
            case "orderNo" -> orderNo;
            case "traceId" -> traceId;
            case "currency" -> "HKD";
            default -> sample(field.schema(), field.name());
        };
    }

    private static Object sample(Schema schema, String name) {
        if (schema.getLogicalType() != null && "timestamp-millis".equals(schema.getLogicalType().getName())) {
            return Instant.now();
        }
        return switch (schema.getType()) {
            case STRING -> name + "-sample";
            case LONG -> 1200L;
            case INT -> 1;
            case UNION -> null;
            case ARRAY -> List.of(sample(schema.getElementType(), name));
            case RECORD -> {
                SpecificRecordBase nested = (SpecificRecordBase) SpecificData.get().newRecord(null, schema);
                schema.getFields().forEach(field -> nested.put(field.pos(), sample(field.schema(), field.name())));
                yield nested;
            }
            default -> throw new IllegalArgumentException("no sample for " + schema);
        };
    }

    @Override
    public void close() {
        producer.close();
    }
}
