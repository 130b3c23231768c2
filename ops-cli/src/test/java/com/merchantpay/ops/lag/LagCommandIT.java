package com.merchantpay.ops.lag;

import static com.merchantpay.ops.support.OpsRun.ops;
import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.ops.support.OpsRun;
import com.merchantpay.ops.support.SampleOrderEvents;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class LagCommandIT {

    @Test
    void reportsRecordsAndTimeBehindPerGroupAndPartition() {
        String topic = SharedInfrastructure.createUniqueTopic("lag", 1);
        String group = SharedInfrastructure.uniqueGroupId("lagging");
        Instant now = Instant.now();
        try (SampleOrderEvents writer = new SampleOrderEvents()) {
            for (int i = 0; i < 5; i++) {
                // The third record (the oldest unconsumed once offset 2 is committed) is 2 hours old.
                Instant at = now.minus(Duration.ofHours(4 - i));
                writer.send(topic, "ORD-lag-" + i, SampleOrderEvents.filled(new CheckoutRequested(), "ORD-lag-" + i, "t"), at, "t");
            }
        }
        commit(group, new TopicPartition(topic, 0), 2);

        OpsRun run = ops("lag", "--group", group);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String line = run.out().lines().filter(l -> l.contains(topic)).findFirst().orElseThrow();
        assertThat(line.split("\\s+")).containsExactly(group, topic, "0", "2", "5", "3", "2h0m");
    }

    @Test
    void anUnknownGroupIsRefused() {
        OpsRun run = ops("lag", "--group", "no-such-group-" + System.nanoTime());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("unknown consumer group");
    }

    /** A consumer of some service that has read up to {@code offset}: only the test commits for it. */
    private static void commit(String group, TopicPartition partition, long offset) {
        Map<String, Object> config = new HashMap<>(SharedInfrastructure.kafkaClientProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }
}
