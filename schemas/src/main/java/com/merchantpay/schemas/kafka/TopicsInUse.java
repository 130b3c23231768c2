package com.merchantpay.schemas.kafka;

import com.merchantpay.schemas.topics.TopicSpec;
import java.util.List;

/**
 * The event topics a service reads or writes, declared as a bean: at start the service looks up the
 * schema of every event on them ({@link SchemaCheck}) and refuses to start when one is missing.
 */
public record TopicsInUse(List<TopicSpec> topics) {

    public TopicsInUse {
        topics = List.copyOf(topics);
    }

    public static TopicsInUse of(TopicSpec... topics) {
        return new TopicsInUse(List.of(topics));
    }
}
