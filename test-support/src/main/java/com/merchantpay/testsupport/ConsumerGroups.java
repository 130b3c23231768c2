package com.merchantpay.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;

/**
 * "The service has read its input": a consumer group's committed offsets have reached the end of
 * the given topics as they were when the wait began. A service commits after it has acted on a
 * record (Kafka Streams with exactly-once: in the same transaction as its output), so once its group
 * has caught up, whatever it would ever do about the input written so far is done and visible, and
 * an assertion that something did not happen is a finding instead of a hope. Partitions without any
 * record count as read.
 */
public final class ConsumerGroups {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;

    private ConsumerGroups(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public static ConsumerGroups on(String bootstrapServers) {
        return new ConsumerGroups(bootstrapServers);
    }

    /** The groups of the shared broker. */
    public static ConsumerGroups shared() {
        return on(SharedInfrastructure.bootstrapServers());
    }

    /** Where every partition of the topics ends now. */
    public Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        try (Admin admin = admin()) {
            return endOffsets(admin, topics);
        }
    }

    /** Waits until {@code group} has committed up to where {@code topics} end at the time of the call. */
    public void awaitCaughtUp(String group, Collection<String> topics, Duration atMost) {
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> ends = endOffsets(admin, topics);
            Map<TopicPartition, Long> behind = new ConcurrentHashMap<>(ends);
            try {
                await(group + " caught up on " + topics).atMost(atMost).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                        .until(() -> {
                            Map<TopicPartition, Long> now = lag(committed(admin, group), ends);
                            behind.clear();
                            behind.putAll(now);
                            return now.isEmpty();
                        });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(group + " did not read " + topics + " within " + atMost
                        + "; records still behind per partition: " + behind, e);
            }
        }
    }

    /** Whether {@code group} has caught up on {@code topics} as they end right now (one look, no waiting). */
    public boolean hasCaughtUp(String group, Collection<String> topics) {
        try (Admin admin = admin()) {
            return lag(committed(admin, group), endOffsets(admin, topics)).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** Waits until {@code group} has committed past {@code record}: the service is done with that record. */
    public void awaitCommittedPast(String group, RecordMetadata record, Duration atMost) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = admin()) {
            await(group + " past " + partition + "@" + record.offset()).atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> {
                        OffsetAndMetadata committed = committed(admin, group).get(partition);
                        return committed != null && committed.offset() > record.offset();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(group + " did not commit past " + partition + "@" + record.offset() + " within " + atMost, e);
        }
    }

    /**
     * Waits until every consumer group has caught up on those of {@code topics} it reads: a group reads
     * a topic once it has committed on any of its partitions (groups that read by assignment and never
     * commit, like a tap or the gateway's view, are not waited for). Returns the records each group was
     * still behind when the wait ended: all zero.
     */
    public Map<String, Long> awaitEveryReaderCaughtUp(Collection<String> topics, Duration atMost) {
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> ends = endOffsets(admin, topics);
            Map<String, Long> behind = new ConcurrentHashMap<>();
            try {
                await("every reader of " + topics + " caught up").atMost(atMost).pollInterval(Duration.ofMillis(250))
                        .ignoreExceptions().until(() -> {
                            Map<String, Long> now = new HashMap<>();
                            for (GroupListing group : admin.listGroups().all().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                                Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group.groupId());
                                Set<String> read = committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
                                Map<TopicPartition, Long> itsEnds = new HashMap<>();
                                ends.forEach((partition, end) -> {
                                    if (read.contains(partition.topic())) {
                                        itsEnds.put(partition, end);
                                    }
                                });
                                if (!itsEnds.isEmpty()) {
                                    now.put(group.groupId(), lag(committed, itsEnds).values().stream().mapToLong(Long::longValue).sum());
                                }
                            }
                            behind.clear();
                            behind.putAll(now);
                            return now.values().stream().allMatch(records -> records == 0);
                        });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("the readers of " + topics + " did not catch up within " + atMost
                        + "; records still behind per group: " + behind, e);
            }
            return Map.copyOf(behind);
        }
    }

    /**
     * Waits until the effects of everything written to {@code topics} so far have landed: every group
     * that reads them has caught up, and nothing new was written to them while it did (a consumer's own
     * output to one of the topics, say, whose readers must then catch up too). Returns how many rounds
     * of catching up that took.
     */
    public int awaitQuiescent(Collection<String> topics, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        Map<TopicPartition, Long> ends = endOffsets(topics);
        for (int round = 1; ; round++) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            awaitEveryReaderCaughtUp(topics, left.isZero() ? Duration.ofMillis(1) : left);
            Map<TopicPartition, Long> now = endOffsets(topics);
            if (now.equals(ends)) {
                return round;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(topics + " were still being written to after " + atMost + ": " + ends + " then " + now);
            }
            ends = now;
        }
    }

    /** Records not yet committed, per partition that has any. */
    private static Map<TopicPartition, Long> lag(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> lag = new HashMap<>();
        ends.forEach((partition, end) -> {
            OffsetAndMetadata offset = committed.get(partition);
            long behind = end - (offset == null ? 0 : offset.offset());
            if (behind > 0) {
                lag.put(partition, behind);
            }
        });
        return lag;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> known = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                known.put(partition, offset);
            }
        });
        return known;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        await("end offsets of " + topics).atMost(CALL_TIMEOUT.multipliedBy(2)).ignoreExceptions().until(() -> {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS).values()
                    .forEach(description -> description.partitions().forEach(partition ->
                            request.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
            admin.listOffsets(request).all().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            return true;
        });
        return ends;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }
}
