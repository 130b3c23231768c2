package com.merchantpay.schemas.topics;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * One topic as the stack creates it: name, partition count and topic-level configs.
 *
 * @param name       the topic name, {@code <domain>.<what>.v<major>}
 * @param partitions partition count; every payment topic has the same count so that the events of
 *                   one order (keyed by order number) land on the same partition number everywhere,
 *                   which Kafka Streams joins rely on
 * @param configs    topic-level configs (retention, cleanup policy)
 * @param events     the event types its values may be (none for a dead-letter topic: raw bytes);
 *                   what a service that reads or writes the topic must find registered
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs, List<Schema> events) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is required");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
        configs = Map.copyOf(configs);
        events = List.copyOf(events);
    }

    /** The dead-letter topic that takes what consumers of this topic cannot process. */
    public String deadLetterTopic() {
        return name + ".dlt";
    }
}
