package com.merchantpay.e2e.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the order topics as a downstream system in any language would: a plain consumer
 * ({@link ByteArrayDeserializer} for key and value, no serde of ours), {@code read_committed} (the
 * outcome processor writes in transactions), values decoded with plain Avro and the writer schema
 * fetched from the registry by the id in the Confluent wire format. Each read takes the topics from
 * the beginning up to their end at the time of the call.
 */
public final class OrderEventLog {

    private static final byte MAGIC = 0;
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final RegistrySchemas schemas;

    OrderEventLog(String bootstrapServers, RegistrySchemas schemas) {
        this.bootstrapServers = bootstrapServers;
        this.schemas = schemas;
    }

    /** Every event keyed by {@code orderNo} on the given topics, in topic then offset order. */
    public List<OrderEvent> eventsOf(String orderNo, String... topics) {
        return readAll(topics).stream().filter(event -> orderNo.equals(event.key())).toList();
    }

    /** Every record of the topics up to their current end. */
    public List<OrderEvent> readAll(String... topics) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config())) {
            List<TopicPartition> partitions = Arrays.stream(topics)
                    .flatMap(topic -> consumer.partitionsFor(topic, READ_LIMIT).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_LIMIT);
            List<OrderEvent> events = new ArrayList<>();
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + Arrays.toString(topics) + " to " + ends + " within " + READ_LIMIT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> events.add(decode(record)));
            }
            return events;
        }
    }

    private OrderEvent decode(ConsumerRecord<byte[], byte[]> record) {
        ByteBuffer value = ByteBuffer.wrap(record.value());
        if (value.remaining() < 5 || value.get() != MAGIC) {
            throw new IllegalStateException("Not in the Confluent wire format: " + record.topic() + "-"
                    + record.partition() + "@" + record.offset());
        }
        int schemaId = value.getInt();
        Schema schema = schemas.byId(schemaId);
        try {
            GenericRecord decoded = new GenericDatumReader<GenericRecord>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(record.value(), 5, record.value().length - 5, null));
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            return new OrderEvent(record.topic(), record.partition(), record.offset(), key, schemaId, schema.getFullName(),
                    decoded, headers);
        } catch (IOException e) {
            throw new UncheckedIOException("Undecodable " + record.topic() + "@" + record.offset(), e);
        }
    }

    private Map<String, Object> config() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "e2e-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    }
}
