package com.merchantpay.e2e.chaos;

import com.merchantpay.schemas.topics.PaymentTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The dead-letter topics, read raw (a dead letter may be undecodable by definition): what arrived
 * after a starting point, with spring-kafka's reason headers.
 */
final class DeadLetters {

    /** One dead letter: where it sits, its key, where it came from and why. */
    record DeadLetter(String topic, int partition, long offset, String key, String originalTopic, String reason) {
    }

    private final String bootstrapServers;
    private final ConsumerCatchUp offsets;

    DeadLetters(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.offsets = new ConsumerCatchUp(bootstrapServers);
    }

    static List<String> topics() {
        return PaymentTopics.all().stream().map(topic -> topic.name()).filter(name -> name.endsWith(".dlt")).toList();
    }

    /** Where each dead-letter partition ends now: the starting point of {@link #since}. */
    Map<TopicPartition, Long> mark() {
        return offsets.endOffsets(topics());
    }

    /** Every dead letter written after {@code mark}. */
    List<DeadLetter> since(Map<TopicPartition, Long> mark) {
        Map<TopicPartition, Long> ends = offsets.endOffsets(topics());
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "chaos-dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = ends.keySet().stream()
                    .filter(partition -> ends.get(partition) > mark.getOrDefault(partition, 0L)).toList();
            consumer.assign(partitions);
            partitions.forEach(partition -> consumer.seek(partition, mark.getOrDefault(partition, 0L)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> letters.add(new DeadLetter(record.topic(),
                        record.partition(), record.offset(), text(record.key()),
                        header(record.headers().lastHeader("kafka_dlt-original-topic")),
                        header(record.headers().lastHeader("kafka_dlt-exception-message")))));
            }
        }
        return letters;
    }

    private static String header(Header header) {
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
