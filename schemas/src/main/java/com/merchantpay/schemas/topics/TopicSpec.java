package com.merchantpay.schemas.topics;

import java.util.Map;

/**
 * One topic as the stack creates it: name, partition count and topic-level configs.
 *
 * @param name       the topic name, {@code <domain>.<what>.v<major>}
 * @param partitions partition count; every payment topic has the same count so that the events of
 *                   one order (keyed by order number) land on the same partition number everywhere,
 *                   which Kafka Streams joins rely on
 * @param configs    topic-level configs (retention, cleanup policy)
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is required");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
        configs = Map.copyOf(configs);
    }

    /** The dead-letter topic that takes what consumers of this topic cannot process. */
    public String deadLetterTopic() {
        return name + ".dlt";
    }
}
