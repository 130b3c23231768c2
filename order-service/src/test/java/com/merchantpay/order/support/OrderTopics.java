package com.merchantpay.order.support;

import com.merchantpay.events.checkout.CheckoutItem;
import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's side of the topics: produces checkouts (Avro, registry wire format, like the gateway)
 * and raw bytes, and records everything that appears on the orders topic and the checkouts DLT
 * (a background reader per JVM), so a test can count what one order number produced.
 */
public final class OrderTopics {

    private static final Map<String, List<ConsumerRecord<String, Object>>> DECISIONS = new ConcurrentHashMap<>();
    private static final Map<String, List<ConsumerRecord<String, byte[]>>> DEAD_LETTERS = new ConcurrentHashMap<>();
    private static final Map<String, List<ConsumerRecord<String, Object>>> ALERTS = new ConcurrentHashMap<>();

    private static final class Running {
        static final OrderTopics INSTANCE = start();
    }

    private final KafkaProducer<String, Object> avroProducer;
    private final KafkaProducer<String, byte[]> rawProducer;

    private OrderTopics() {
        SharedInfrastructure.provisionPaymentTopics();
        this.avroProducer = new KafkaProducer<>(SharedInfrastructure.eventProducerConfig());
        Map<String, Object> raw = producerConfig();
        raw.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.rawProducer = new KafkaProducer<>(raw);
    }

    public static OrderTopics topics() {
        return Running.INSTANCE;
    }

    private static OrderTopics start() {
        OrderTopics topics = new OrderTopics();
        Thread.ofPlatform().daemon().name("orders-recorder").start(OrderTopics::recordDecisions);
        Thread.ofPlatform().daemon().name("dlt-recorder").start(OrderTopics::recordDeadLetters);
        Thread.ofPlatform().daemon().name("alerts-recorder").start(OrderTopics::recordAlerts);
        return topics;
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
        return await(avroProducer.send(record));
    }

    /** A checkout with the record timestamp a producer at {@code writtenAt} gave it (history, for replays). */
    public RecordMetadata sendWrittenAt(CheckoutRequested checkout, java.time.Instant writtenAt) {
        return await(avroProducer.send(new ProducerRecord<>(PaymentTopics.CHECKOUTS.name(), null, writtenAt.toEpochMilli(),
                checkout.getOrderNo(), checkout)));
    }

    /** Many checkouts at once, without waiting for each; returns when all are acknowledged. */
    public void sendAll(java.util.Collection<CheckoutRequested> checkouts) {
        List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
        for (CheckoutRequested checkout : checkouts) {
            sent.add(avroProducer.send(new ProducerRecord<>(PaymentTopics.CHECKOUTS.name(), checkout.getOrderNo(), checkout)));
        }
        sent.forEach(OrderTopics::await);
    }

    /** Any value to the checkouts topic: a record of another type, say. */
    public RecordMetadata sendValue(String key, Object value) {
        return await(avroProducer.send(new ProducerRecord<>(PaymentTopics.CHECKOUTS.name(), key, value)));
    }

    /** Bytes that are not what the topic promises. */
    public RecordMetadata sendRaw(String key, byte[] value) {
        return await(rawProducer.send(new ProducerRecord<>(PaymentTopics.CHECKOUTS.name(), key, value)));
    }

    /** Every OrderCreated / OrderRejected seen for this order number so far. */
    public static List<ConsumerRecord<String, Object>> decisions(String orderNo) {
        return List.copyOf(DECISIONS.getOrDefault(orderNo, List.of()));
    }

    /** Alerts order-service raised for this order number. */
    public static List<ConsumerRecord<String, Object>> alerts(String orderNo) {
        return List.copyOf(ALERTS.getOrDefault(orderNo, List.of()));
    }

    public static List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return List.copyOf(DEAD_LETTERS.getOrDefault(key, List.of()));
    }

    public static int decisionCount() {
        return DECISIONS.values().stream().mapToInt(List::size).sum();
    }

    /** Whether the group has committed past {@code sent}: the service finished with that record. */
    public static boolean committedPast(String groupId, RecordMetadata sent) {
        try (Admin admin = Admin.create(SharedInfrastructure.kafkaClientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = committed.get(new TopicPartition(sent.topic(), sent.partition()));
            return offset != null && offset.offset() > sent.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** Whether the group has committed every checkout that is on the topic now. */
    public static boolean caughtUp(String groupId) {
        try (Admin admin = Admin.create(SharedInfrastructure.kafkaClientProperties())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PaymentTopics.CHECKOUTS.partitions(); p++) {
                latest.put(new TopicPartition(PaymentTopics.CHECKOUTS.name(), p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                    || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return false;
        }
    }

    private static Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return config;
    }

    private static void recordDecisions() {
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(SharedInfrastructure.eventConsumerConfig())) {
            consumer.assign(partitions(PaymentTopics.ORDERS.name()));
            consumer.seekToBeginning(consumer.assignment());
            while (true) {
                consumer.poll(Duration.ofMillis(100)).forEach(record ->
                        DECISIONS.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>()).add(record));
            }
        }
    }

    private static void recordAlerts() {
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(SharedInfrastructure.eventConsumerConfig())) {
            consumer.assign(partitions(PaymentTopics.ALERTS.name()));
            consumer.seekToBeginning(consumer.assignment());
            while (true) {
                consumer.poll(Duration.ofMillis(100)).forEach(record ->
                        ALERTS.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>()).add(record));
            }
        }
    }

    private static void recordDeadLetters() {
        Map<String, Object> config = consumerConfig();
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(partitions(PaymentTopics.CHECKOUTS.deadLetterTopic()));
            consumer.seekToBeginning(consumer.assignment());
            while (true) {
                consumer.poll(Duration.ofMillis(100)).forEach(record ->
                        DEAD_LETTERS.computeIfAbsent(String.valueOf(record.key()), k -> new CopyOnWriteArrayList<>()).add(record));
            }
        }
    }

    private static Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    private static List<TopicPartition> partitions(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PaymentTopics.ORDER_PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
    }

    private static <T> T await(java.util.concurrent.Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

}
