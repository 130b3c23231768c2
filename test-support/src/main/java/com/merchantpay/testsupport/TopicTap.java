package com.merchantpay.testsupport;

import com.merchantpay.schemas.kafka.KafkaClients;
import com.merchantpay.schemas.registry.RegisteredSchemas;
import com.merchantpay.schemas.serde.EventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics on a background thread as a downstream subscriber would: every partition by
 * assignment (no consumer group, nothing committed), {@code read_committed} (only what committed
 * transactions wrote), from the beginning or from the moment the tap opened. Keeps every record
 * with its raw value; {@link #events} decodes them with the team's serde through the registry.
 *
 * <p>"Nothing (more) happened" is only meaningful once the tap has read everything written before
 * the question: {@link #readToEnd()} waits until it has, so a count taken afterwards is exact for
 * everything committed until then. Thread-safe; close it (or let the JVM end: the thread is a daemon).
 */
public final class TopicTap implements AutoCloseable {

    private static final Duration READ_LIMIT = Duration.ofSeconds(60);
    private static final Duration FETCH_WAIT = Duration.ofMillis(100);

    private final String bootstrapServers;
    private final String registryUrl;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<ConsumerRecord<String, byte[]>>>> byKey = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile EventDeserializer events;
    private volatile boolean running = true;

    /** Where a tap starts reading. */
    public enum From { BEGINNING, NOW }

    private TopicTap(String bootstrapServers, String registryUrl, From from, Collection<String> topics) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        Map<String, Object> config = KafkaClients.consumer(bootstrapServers, FETCH_WAIT);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "topic-tap-" + Integer.toHexString(System.identityHashCode(this)));
        this.consumer = new KafkaConsumer<>(config, null, new ByteArrayDeserializer());
        for (String topic : topics) {
            List<PartitionInfo> found = consumer.partitionsFor(topic, READ_LIMIT);
            if (found == null || found.isEmpty()) {
                consumer.close();
                throw new IllegalArgumentException("no topic " + topic + " at " + bootstrapServers);
            }
            found.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            byTopic.put(topic, new CopyOnWriteArrayList<>());
            byKey.put(topic, new ConcurrentHashMap<>());
        }
        consumer.assign(partitions);
        if (from == From.NOW) {
            consumer.seekToEnd(partitions);
        } else {
            consumer.seekToBeginning(partitions);
        }
        // Resolve the start now, before the caller writes anything it expects the tap to see.
        partitions.forEach(partition -> positions.put(partition, consumer.position(partition, READ_LIMIT)));
        this.poller = Thread.ofPlatform().daemon().name("topic-tap-" + String.join(",", topics)).start(this::poll);
    }

    /** The shared broker's topics, from their first record. */
    public static TopicTap fromBeginning(String... topics) {
        return open(SharedInfrastructure.bootstrapServers(), SharedInfrastructure.registryUrl(), From.BEGINNING, List.of(topics));
    }

    /** The shared broker's topics, from what is written after this call. */
    public static TopicTap fromNow(String... topics) {
        return open(SharedInfrastructure.bootstrapServers(), SharedInfrastructure.registryUrl(), From.NOW, List.of(topics));
    }

    /** Any broker's topics (the local stack's, say); {@code registryUrl} may be null when nothing is decoded. */
    public static TopicTap open(String bootstrapServers, String registryUrl, From from, Collection<String> topics) {
        return new TopicTap(bootstrapServers, registryUrl, from, topics);
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    byTopic.get(record.topic()).add(record);
                    if (record.key() != null) {
                        byKey.get(record.topic()).computeIfAbsent(record.key(), key -> new CopyOnWriteArrayList<>()).add(record);
                    }
                }
                // After the records are stored: a position here means everything before it is visible.
                for (TopicPartition partition : partitions) {
                    positions.put(partition, consumer.position(partition));
                }
            }
        } catch (WakeupException closing) {
            // close() asked to stop
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Every record of the topic read so far, in partition-then-offset order of arrival. */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        return List.copyOf(topic(byTopic, topic));
    }

    /** The records of one key (order number) on the topic read so far. */
    public List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return List.copyOf(topic(byKey, topic).getOrDefault(key, List.of()));
    }

    /** How many records of the topic were read so far. */
    public int count(String topic) {
        return topic(byTopic, topic).size();
    }

    /** The key's events on the topic, decoded: a generated class per event, a generic record for one this build does not know. */
    public List<Object> events(String topic, String key) {
        return records(topic, key).stream().map(this::decode).toList();
    }

    /** The key's events of one type, e.g. {@code events(OUTCOMES, orderNo, PaymentSucceeded.class)}. */
    public <T> List<T> events(String topic, String key, Class<T> type) {
        return events(topic, key).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The short schema names of the key's events, in order, e.g. {@code [OrderClosed, RefundRequired]}. */
    public List<String> eventTypes(String topic, String key) {
        return events(topic, key).stream().map(event -> ((GenericContainer) event).getSchema().getName()).toList();
    }

    /** One record's value, decoded. */
    public Object decode(ConsumerRecord<String, byte[]> record) {
        if (events == null) {
            if (registryUrl == null) {
                throw new IllegalStateException("this tap was opened without a registry; it cannot decode");
            }
            events = new EventDeserializer(RegisteredSchemas.of(registryUrl));
        }
        return events.deserialize(record.topic(), record.headers(), record.value());
    }

    /** Waits for the first record of the topic that {@code wanted} accepts (read before or after the call). */
    public ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted, Duration atMost) {
        return Awaitility.await("a record on " + topic).atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> records(topic).stream().filter(wanted).findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Waits for the first decoded event of this type on the topic that {@code wanted} accepts. */
    public <T> T awaitEvent(String topic, Class<T> type, Predicate<T> wanted, Duration atMost) {
        ConsumerRecord<String, byte[]> record = awaitRecord(topic, candidate -> {
            Object event = decode(candidate);
            return type.isInstance(event) && wanted.test(type.cast(event));
        }, atMost);
        return type.cast(decode(record));
    }

    /**
     * Waits until the tap has read every record committed to its topics before this call, so that
     * what {@link #records} and {@link #events} return afterwards is complete up to now.
     */
    public void readToEnd() {
        Map<TopicPartition, Long> ends = endOffsets();
        Awaitility.await("topic tap read to " + ends).atMost(READ_LIMIT).pollInterval(Duration.ofMillis(20)).until(() ->
                ends.entrySet().stream().allMatch(end -> positions.getOrDefault(end.getKey(), 0L) >= end.getValue()));
    }

    /** Where each partition's committed records end now ({@code read_committed}: open transactions excluded). */
    public Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            Awaitility.await("end offsets of " + partitions).atMost(READ_LIMIT).ignoreExceptions().until(() -> {
                admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS)
                        .forEach((partition, info) -> ends.put(partition, info.offset()));
                return true;
            });
            return ends;
        }
    }

    /** The sum of the topic's committed end offsets: the same sum later means nothing was written in between. */
    public long endOffsetSum(String topic) {
        return endOffsets().entrySet().stream().filter(end -> end.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static <V> V topic(Map<String, V> index, String topic) {
        V found = index.get(topic);
        if (found == null) {
            throw new IllegalArgumentException("this tap does not read " + topic + "; it reads " + index.keySet());
        }
        return found;
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
