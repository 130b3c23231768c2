package com.merchantpay.e2e.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until every consumer group that reads the given topics has committed up to the topics'
 * end offsets as they are when the wait starts: the services have consumed (and, for Kafka Streams
 * with exactly-once, committed the effects of) everything written so far. Groups that never
 * committed on a topic (readers by assignment, such as the gateway's view) are not waited for.
 */
public final class ConsumerCatchUp {

    private final String bootstrapServers;

    public ConsumerCatchUp(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Returns the records still behind per group when the wait ended (all zero on success). */
    public Map<String, Long> awaitCaughtUp(Collection<String> topics, Duration atMost) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, Long> ends = endOffsets(admin, topics);
            Map<String, Long> behind = new HashMap<>();
            await("consumer groups caught up on " + topics).atMost(atMost).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> {
                        behind.clear();
                        behind.putAll(lag(admin, ends));
                        return behind.values().stream().allMatch(records -> records == 0);
                    });
            return behind;
        }
    }

    private static Map<String, Long> lag(Admin admin, Map<TopicPartition, Long> ends) throws Exception {
        Map<String, Long> behind = new HashMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long records = 0;
            boolean reads = false;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                if (offset != null) {
                    reads = true;
                    records += Math.max(0, end.getValue() - offset.offset());
                }
            }
            if (reads) {
                behind.put(group.groupId(), records);
            }
        }
        return behind;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (var description : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                description.partitions().forEach(partition ->
                        request.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the end offsets of " + topics, e);
        }
    }

    /** Records on each topic partition right now (end offsets), for "nothing new was written" checks. */
    Map<TopicPartition, Long> endOffsets(List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return endOffsets(admin, topics);
        }
    }
}
