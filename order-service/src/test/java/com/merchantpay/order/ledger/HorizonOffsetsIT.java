package com.merchantpay.order.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where a new group starts and what the ledger loads from, on the real broker. */
class HorizonOffsetsIT {

    private static final Duration HORIZON = Duration.ofHours(24);

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig());
    private final TopicPartition partition = new TopicPartition(SharedInfrastructure.createUniqueTopic("horizon-offsets", 1), 0);

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void recordsWrittenBeforeTheHorizonAreSkipped() throws Exception {
        write(Instant.now().minus(HORIZON).minus(Duration.ofHours(1)));
        write(Instant.now().minus(HORIZON).minus(Duration.ofMinutes(1)));
        write(Instant.now());

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            assertThat(HorizonOffsets.firstWrittenSince(consumer, List.of(partition), Instant.now().minus(HORIZON)))
                    .containsEntry(partition, 2L);
        }
    }

    /**
     * A partition with nothing recent starts at its end, and a record written while the offsets are
     * looked up (a checkout arriving during a rebalance) lies at or past that end: it is read, never
     * sought past. The write is made right after the time lookup answered "nothing that recent".
     */
    @Test
    void aRecordWrittenDuringTheLookupIsNotSoughtPast() throws Exception {
        write(Instant.now().minus(HORIZON).minus(Duration.ofHours(1)));

        try (KafkaConsumer<String, String> consumer = new WritingAfterTheTimeLookup(consumerConfig())) {
            assertThat(HorizonOffsets.firstWrittenSince(consumer, List.of(partition), Instant.now().minus(HORIZON)))
                    .as("the start: the checkout written during the lookup is at offset 1").containsEntry(partition, 1L);
        }
    }

    private void write(Instant at) throws InterruptedException, ExecutionException {
        producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), at.toEpochMilli(), "MP-HORIZON", "checkout")).get();
    }

    /** A real consumer; a checkout lands on the partition just after its time lookup returns. */
    private final class WritingAfterTheTimeLookup extends KafkaConsumer<String, String> {

        WritingAfterTheTimeLookup(Map<String, Object> config) {
            super(config);
        }

        @Override
        public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch) {
            Map<TopicPartition, OffsetAndTimestamp> found = super.offsetsForTimes(timestampsToSearch);
            try {
                write(Instant.now());
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
            return found;
        }
    }

    private static Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private static Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }
}
