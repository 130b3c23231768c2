package com.merchantpay.ops;

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
import com.merchantpay.schemas.serde.RegistryWireFormat;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import com.merchantpay.testsupport.SharedInfrastructure;
import com.merchantpay.localstack.registry.SchemaPublisher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events of every order-keyed type, filled with plausible values, keyed by order number with a
 * trace-id header, in the Confluent wire format against the real registry.
 */
public final class SampleEvents implements AutoCloseable {

    /** Every order-keyed event type and the topic it lives on. */
    public record Placed(String topic, SpecificRecordBase event) {
    }

    private final KafkaProducer<String, Object> producer;
    private final SchemaPublisher publisher = new SchemaPublisher(SharedInfrastructure.registryUrl());
    private final Map<String, Integer> schemaIds = new HashMap<>();
    private final boolean throughSerde;

    /**
     * Values in the Confluent wire format with the schema registered up front through the registry's
     * Confluent-compatible API (as the local stack does), encoded here: no registry call at send time.
     */
    public SampleEvents() {
        this(false);
    }

    private SampleEvents(boolean throughSerde) {
        this.throughSerde = throughSerde;
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        if (throughSerde) {
            config.putAll(RegistryWireFormat.producerSerdeConfig(SharedInfrastructure.registryUrl()));
            // The JDK HTTP client: the serde's default Vert.x client hung forever on Boot's Netty 4.2.
            config.put("apicurio.registry.http.adapter", "JDK");
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RegistryWireFormat.SERIALIZER);
        } else {
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        }
        this.producer = new KafkaProducer<>(config);
    }

    /** Exactly as the services write: the Apicurio serde auto-registers (nested records as references). */
    public static SampleEvents throughApicurioSerde() {
        return new SampleEvents(true);
    }

    /** One event of each of the twelve order-keyed types, on its catalogue topic. */
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
                new Placed(PaymentTopics.ALERTS.name(), filled(new PaymentAmountMismatch(), orderNo, traceId)),
                new Placed(PaymentTopics.ALERTS.name(), filled(new FindingWithoutOrder(), orderNo, traceId)),
                new Placed(PaymentTopics.ALERTS.name(), filled(new ReconciliationGaveUp(), orderNo, traceId)));
    }

    /** Writes one event with an explicit record timestamp and waits for the broker's acknowledgement. */
    public RecordMetadata send(String topic, String orderNo, SpecificRecordBase event, Instant timestamp, String traceId) {
        Object value = throughSerde ? event : wireFormat(event);
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), orderNo, value);
        record.headers().add(TraceHeaders.KAFKA_HEADER, traceId.getBytes(StandardCharsets.UTF_8));
        try {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not write the sample event", e);
        }
    }

    /** Magic byte 0, the 4-byte registry id, the Avro binary body. */
    private byte[] wireFormat(SpecificRecordBase event) {
        int id = schemaIds.computeIfAbsent(event.getSchema().getFullName(), name -> publisher.publish(event.getSchema()).id());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0);
        bytes.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new SpecificDatumWriter<SpecificRecordBase>(event.getSchema(), event.getSpecificData()).write(event, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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
