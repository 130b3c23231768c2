package com.merchantpay.reconciliation.support;

import com.merchantpay.events.order.OrderCreated;
import com.merchantpay.events.psp.PspStatusQueried;
import com.merchantpay.events.reconciliation.ReconciliationGaveUp;
import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.serde.EventDeserializer;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything the reconciler publishes (findings, alerts) and what lands in the dead-letter topic
 * of the orders, read back from the broker in the background, by order number. Committed records
 * only: what a downstream consumer would see.
 */
public final class PublishedEvents implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<Object> avro;
    private final Map<String, List<Object>> byOrder = new ConcurrentHashMap<>();
    private final List<ConsumerRecord<String, byte[]>> deadLetters = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public PublishedEvents() {
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "published-events-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        avro = new EventDeserializer(RegisteredSchemas.of(SharedInfrastructure.registryUrl()));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(PaymentTopics.PSP_QUERIES.name(), PaymentTopics.ALERTS.name(),
                PaymentTopics.ORDERS.deadLetterTopic())) {
            for (int p = 0; p < PaymentTopics.ORDER_PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before anything is published
        poller = Thread.ofPlatform().name("published-events").daemon().start(this::poll);
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.topic().endsWith(".dlt")) {
                        deadLetters.add(record);
                    } else {
                        byOrder.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>())
                                .add(avro.deserialize(record.topic(), record.headers(), record.value()));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public List<PspStatusQueried> findings(String orderNo) {
        return byOrder.getOrDefault(orderNo, List.of()).stream()
                .filter(PspStatusQueried.class::isInstance).map(PspStatusQueried.class::cast).toList();
    }

    public List<PspStatusQueried> findings(String orderNo, String status) {
        return findings(orderNo).stream().filter(finding -> status.equals(finding.getStatus())).toList();
    }

    public List<ReconciliationGaveUp> gaveUps(String orderNo) {
        return byOrder.getOrDefault(orderNo, List.of()).stream()
                .filter(ReconciliationGaveUp.class::isInstance).map(ReconciliationGaveUp.class::cast).toList();
    }

    public List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return deadLetters.stream().filter(record -> key.equals(record.key())).toList();
    }

    /** Dead letters whose value is a readable event of this order (for records that had no key). */
    public List<ConsumerRecord<String, byte[]>> deadLettersOfOrder(String orderNo) {
        return deadLetters.stream().filter(record -> {
            try {
                return avro.deserialize(record.topic(), record.value()) instanceof OrderCreated created
                        && orderNo.equals(created.getOrderNo());
            } catch (RuntimeException unreadable) {
                return false;
            }
        }).toList();
    }

    /** Orders with at least one finding of this status. */
    public long ordersWithFinding(String status) {
        return byOrder.values().stream().filter(events -> events.stream()
                .anyMatch(e -> e instanceof PspStatusQueried q && status.equals(q.getStatus()))).count();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
