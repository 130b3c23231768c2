package com.merchantpay.order.support;

import com.merchantpay.events.checkout.CheckoutItem;
import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The gateway's part, played by the tests: checkouts on {@code payments.checkouts.v1}, keyed by order
 * number with a trace-id header, in the registry's wire format; and bytes that are not what the topic
 * promises. One producer pair per test JVM.
 */
public final class Checkouts {

    private static final class Running {
        static final Checkouts INSTANCE = new Checkouts();
    }

    private final KafkaProducer<String, Object> events;
    private final KafkaProducer<String, byte[]> raw;

    private Checkouts() {
        SharedInfrastructure.provisionPaymentTopics();
        this.events = new KafkaProducer<>(SharedInfrastructure.eventProducerConfig());
        this.raw = new KafkaProducer<>(Map.of("bootstrap.servers", SharedInfrastructure.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    public static Checkouts checkouts() {
        return Running.INSTANCE;
    }

    public static String newOrderNo(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 23);
    }

    public static CheckoutItem item(String productId, int quantity) {
        return CheckoutItem.newBuilder().setProductId(productId).setQuantity(quantity).build();
    }

    public static CheckoutRequested checkout(String orderNo, CheckoutItem... items) {
        return CheckoutRequested.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "CheckoutRequested"))
                .setOccurredAt(Instant.now())
                .setOrderNo(orderNo)
                .setTraceId("trace-" + orderNo)
                .setOpenId("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
                .setItems(List.of(items))
                .setPayerIp("203.0.113.7")
                .build();
    }

    /** Sends a checkout keyed by its order number, as the gateway does; returns where it landed. */
    public RecordMetadata send(CheckoutRequested checkout) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(PaymentTopics.CHECKOUTS.name(), checkout.getOrderNo(), checkout);
        record.headers().add(TraceHeaders.KAFKA_HEADER, checkout.getTraceId().getBytes(StandardCharsets.UTF_8));
        return acknowledged(events.send(record));
    }

    /** As {@link #send(CheckoutRequested)}, with the W3C trace context the gateway's producer span writes. */
    public RecordMetadata send(CheckoutRequested checkout, String traceparent) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(PaymentTopics.CHECKOUTS.name(), checkout.getOrderNo(), checkout);
        record.headers().add(TraceHeaders.KAFKA_HEADER, checkout.getTraceId().getBytes(StandardCharsets.UTF_8));
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        return acknowledged(events.send(record));
    }

    /** A checkout with the record timestamp a producer at {@code writtenAt} gave it (history, for replays). */
    public RecordMetadata sendWrittenAt(CheckoutRequested checkout, Instant writtenAt) {
        return acknowledged(events.send(new ProducerRecord<>(PaymentTopics.CHECKOUTS.name(), null, writtenAt.toEpochMilli(),
                checkout.getOrderNo(), checkout)));
    }

    /** Many checkouts at once, without waiting for each; returns when all are acknowledged. */
    public void sendAll(Collection<CheckoutRequested> checkouts) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (CheckoutRequested checkout : checkouts) {
            sent.add(events.send(new ProducerRecord<>(PaymentTopics.CHECKOUTS.name(), checkout.getOrderNo(), checkout)));
        }
        sent.forEach(Checkouts::acknowledged);
    }

    /** Any value to the checkouts topic: a record of another type, say. */
    public RecordMetadata sendValue(String key, Object value) {
        return acknowledged(events.send(new ProducerRecord<>(PaymentTopics.CHECKOUTS.name(), key, value)));
    }

    /** Bytes that are not what the topic promises. */
    public RecordMetadata sendRaw(String key, byte[] value) {
        return acknowledged(raw.send(new ProducerRecord<>(PaymentTopics.CHECKOUTS.name(), key, value)));
    }

    private static RecordMetadata acknowledged(Future<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
