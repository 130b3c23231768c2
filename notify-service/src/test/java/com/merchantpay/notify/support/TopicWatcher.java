package com.merchantpay.notify.support;

import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.serde.EventDeserializer;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from their beginning on a background thread, as a downstream subscriber would
 * ({@code read_committed}: only what committed transactions wrote), and keeps every record by key.
 */
public final class TopicWatcher implements AutoCloseable {

    private final Map<String, Map<String, List<ConsumerRecord<String, byte[]>>>> seen = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventDeserializer events = new EventDeserializer(RegisteredSchemas.of(SharedInfrastructure.registryUrl()));
    private final Thread poller;
    private volatile boolean running = true;

    public TopicWatcher(List<String> topics) {
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = Thread.ofPlatform().daemon().name("topic-watcher").start(this::poll);
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.computeIfAbsent(record.topic(), topic -> new ConcurrentHashMap<>())
                            .computeIfAbsent(String.valueOf(record.key()), key -> new CopyOnWriteArrayList<>())
                            .add(record);
                }
            }
        } catch (WakeupException stopping) {
            // close() asked us to stop
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    public List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return List.copyOf(seen.getOrDefault(topic, Map.of()).getOrDefault(key, List.of()));
    }

    public List<SpecificRecord> events(String topic, String key) {
        return records(topic, key).stream().map(record -> (SpecificRecord) events.deserialize(topic, record.value())).toList();
    }

    public int count(String topic) {
        return seen.getOrDefault(topic, Map.of()).values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(5_000);
    }
}
