package com.merchantpay.schemas.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code kafka.dead_letters{consumer,topic}}: records a consumer sent to {@code <topic>.dlt}. Every
 * writer of dead letters counts here, whoever it is, so one alert covers them all: each one is a
 * record that changed nothing until an operator re-drives it.
 *
 * <p>The series of the source topics named at construction exist from the start at zero: an
 * {@code increase(...) > 0} alert cannot see the first dead letter of a series that did not exist
 * before it.
 */
public final class DeadLetterCounts {

    public static final String METER = "kafka.dead_letters";

    private final MeterRegistry meters;
    private final String consumer;
    private final Map<String, Counter> byTopic = new ConcurrentHashMap<>();

    public DeadLetterCounts(MeterRegistry meters, String consumer, Collection<String> sourceTopics) {
        this.meters = meters;
        this.consumer = consumer;
        sourceTopics.forEach(this::counter);
    }

    /** A record of {@code sourceTopic} was sent to its dead-letter topic. */
    public void sent(String sourceTopic) {
        counter(sourceTopic).increment();
    }

    private Counter counter(String topic) {
        return byTopic.computeIfAbsent(topic, name -> Counter.builder(METER).tag("consumer", consumer).tag("topic", name)
                .description("Records sent to <topic>.dlt, by the consumer that could not process them")
                .register(meters));
    }
}
