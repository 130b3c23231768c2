package com.merchantpay.reconciliation.support;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.order.WxPaymentParameters;
import com.merchantpay.events.outcome.OrderClosed;
import com.merchantpay.events.outcome.PaymentSucceeded;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.serde.EventSerializer;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays the other services: order-service's OrderCreated, the outcome processor's outcomes. */
public final class PaymentEvents implements AutoCloseable {

    private final KafkaProducer<String, Object> producer;

    public PaymentEvents() {
        // As the services configure theirs; no linger of its own (the shared config's request timeout
        // equals its delivery timeout, so any linger would make the producer refuse the config).
        producer = new KafkaProducer<>(SharedInfrastructure.eventProducerConfig(), new StringSerializer(), new AvroOrBytes());
    }

    public void orderCreated(String orderNo, Instant createdAt, Instant expiresAt) {
        orderCreated(orderNo, orderNo, createdAt, expiresAt);
    }

    /** With the given Kafka key (null: none, which breaks the topic's keying rule). */
    public void orderCreated(String key, String orderNo, Instant createdAt, Instant expiresAt) {
        send(PaymentTopics.ORDERS.name(), key, OrderCreated.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "OrderCreated"))
                .setOccurredAt(createdAt)
                .setOrderNo(orderNo)
                .setTraceId("trace-" + orderNo)
                .setOpenId("o-reconciliation-test")
                .setAmountMinor(1000)
                .setCurrency("HKD")
                .setSubject("Reconciliation test")
                .setMerchantNo(ReconciliationScenario.sandbox().secrets().merchantNo())
                .setExpiresAt(expiresAt)
                .setPayment(new WxPaymentParameters("1700000000", "nonce", "prepay_id=wx1", "RSA", "sig"))
                .build(), true);
    }

    /** Without waiting for the broker: for loading many orders fast. */
    public void orderCreatedAsync(String orderNo, Instant createdAt, Instant expiresAt) {
        send(PaymentTopics.ORDERS.name(), orderNo, OrderCreated.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "OrderCreated"))
                .setOccurredAt(createdAt).setOrderNo(orderNo).setTraceId("trace-" + orderNo)
                .setOpenId("o").setAmountMinor(1000).setCurrency("HKD").setSubject("bench")
                .setMerchantNo(ReconciliationScenario.sandbox().secrets().merchantNo()).setExpiresAt(expiresAt)
                .setPayment(new WxPaymentParameters("1700000000", "nonce", "prepay_id=wx1", "RSA", "sig"))
                .build(), false);
    }

    public void paymentSucceeded(String orderNo, String findingEventId) {
        send(PaymentTopics.OUTCOMES.name(), orderNo, PaymentSucceeded.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "PaymentSucceeded"))
                .setOccurredAt(Instant.now()).setOrderNo(orderNo).setTraceId("trace-" + orderNo)
                .setAmountMinor(1000).setCurrency("HKD").setDecidedBy("query").setFindingEventId(findingEventId)
                .build(), true);
    }

    public void orderClosed(String orderNo) {
        send(PaymentTopics.OUTCOMES.name(), orderNo, OrderClosed.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "OrderClosed"))
                .setOccurredAt(Instant.now()).setOrderNo(orderNo).setTraceId("trace-" + orderNo)
                .setErrorCode("3300").setDecidedBy("notification").setFindingEventId("n-" + orderNo)
                .build(), true);
    }

    /** Bytes that no Avro deserializer can read. */
    public void garbage(String topic, String key) {
        try {
            producer.send(new ProducerRecord<>(topic, key, "not avro at all".getBytes())).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public void flush() {
        producer.flush();
    }

    private void send(String topic, String key, SpecificRecord event, boolean wait) {
        var sent = producer.send(new ProducerRecord<>(topic, key, event));
        if (wait) {
            try {
                sent.get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    /** Avro through the registry, or raw bytes as given (to write a poison record). */
    private static final class AvroOrBytes implements org.apache.kafka.common.serialization.Serializer<Object> {
        private final EventSerializer avro = new EventSerializer(RegisteredSchemas.of(SharedInfrastructure.registryUrl()));
        private final ByteArraySerializer bytes = new ByteArraySerializer();

        @Override
        public byte[] serialize(String topic, Object data) {
            return data instanceof byte[] raw ? bytes.serialize(topic, raw) : avro.serialize(topic, (SpecificRecord) data);
        }
    }
}
