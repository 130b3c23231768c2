package com.merchantpay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** "Caught up" is committed offsets at the topics' ends as they were when the wait began. */
class ConsumerGroupsIT {

    private final ConsumerGroups groups = ConsumerGroups.shared();

    @Test
    void aGroupHasCaughtUpOnceItCommittedEveryPartitionThatHasRecords() throws Exception {
        String topic = SharedInfrastructure.createUniqueTopic("groups", 3);
        String group = SharedInfrastructure.uniqueGroupId("groups");
        RecordMetadata first = send(topic, 0, "a");
        RecordMetadata second = send(topic, 0, "b");
        RecordMetadata other = send(topic, 2, "c");

        assertThat(groups.hasCaughtUp(group, List.of(topic))).isFalse();
        commit(group, Map.of(new TopicPartition(topic, 0), first.offset() + 1));
        assertThat(groups.hasCaughtUp(group, List.of(topic))).as("partition 0 half read, 2 unread").isFalse();
        groups.awaitCommittedPast(group, first, Duration.ofSeconds(10));
        assertThatThrownBy(() -> groups.awaitCommittedPast(group, second, Duration.ofMillis(500))).isInstanceOf(AssertionError.class);

        commit(group, Map.of(new TopicPartition(topic, 0), second.offset() + 1, new TopicPartition(topic, 2), other.offset() + 1));
        groups.awaitCaughtUp(group, List.of(topic), Duration.ofSeconds(10));
        assertThat(groups.hasCaughtUp(group, List.of(topic))).as("partition 1 is empty").isTrue();
        assertThat(groups.endOffsets(List.of(topic))).containsEntry(new TopicPartition(topic, 0), 2L);
    }

    @Test
    void waitingForAGroupThatNeverReadsFailsNamingWhatIsBehind() throws Exception {
        String topic = SharedInfrastructure.createUniqueTopic("groups-behind", 1);
        send(topic, 0, "a");

        assertThatThrownBy(() -> groups.awaitCaughtUp("nobody-" + topic, List.of(topic), Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class).hasMessageContaining(topic + "-0=1");
    }

    @Test
    void aReaderIsWaitedForOnlyOnTheTopicsItReads() throws Exception {
        String read = SharedInfrastructure.createUniqueTopic("groups-read", 1);
        String notRead = SharedInfrastructure.createUniqueTopic("groups-not-read", 1);
        String reader = SharedInfrastructure.uniqueGroupId("partial");
        RecordMetadata last = send(read, 0, "a");
        send(notRead, 0, "b");
        commit(reader, Map.of(new TopicPartition(read, 0), last.offset() + 1));

        assertThat(groups.awaitEveryReaderCaughtUp(List.of(read, notRead), Duration.ofSeconds(10))).containsEntry(reader, 0L);
        assertThat(groups.awaitQuiescent(List.of(read, notRead), Duration.ofSeconds(10))).isEqualTo(1);
    }

    @Test
    void everyGroupThatCommittedOnTheTopicsIsWaitedFor() throws Exception {
        String topic = SharedInfrastructure.createUniqueTopic("groups-every", 1);
        String reader = SharedInfrastructure.uniqueGroupId("every");
        send(topic, 0, "a");
        RecordMetadata last = send(topic, 0, "b");
        commit(reader, Map.of(new TopicPartition(topic, 0), 1L));

        assertThatThrownBy(() -> groups.awaitEveryReaderCaughtUp(List.of(topic), Duration.ofMillis(500)))
                .hasMessageContaining(reader + "=1");
        commit(reader, Map.of(new TopicPartition(topic, 0), last.offset() + 1));
        assertThat(groups.awaitEveryReaderCaughtUp(List.of(topic), Duration.ofSeconds(10))).containsEntry(reader, 0L);
    }

    private static RecordMetadata send(String topic, int partition, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(SharedInfrastructure.kafkaClientProperties(),
                new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, partition, value, value)).get();
        }
    }

    /** What a service's consumer does once it has acted on the records before {@code offsets}. */
    private static void commit(String group, Map<TopicPartition, Long> offsets) {
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            offsets.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
            consumer.commitSync(commits);
        }
    }
}
