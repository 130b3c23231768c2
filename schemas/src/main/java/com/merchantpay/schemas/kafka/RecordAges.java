package com.merchantpay.schemas.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code kafka.consumer.record.age{group,topic}}: how old a record is (its broker timestamp to now)
 * when a consumer starts processing it. The same meter in every service, so one alert and one panel
 * show each group's lag in time: offsets say how many records wait, this says how long a payment
 * waits. Its {@code _max} is the worst age of the last two minutes; a consumer that stopped records
 * nothing at all, which {@code kafka.consumer.poll.stalled} reports instead.
 *
 * <p>The series of the topics named at construction exist from the start (at zero), so an alert or
 * a scrape finds them before the first record arrives.
 */
public final class RecordAges {

    public static final String METER = "kafka.consumer.record.age";

    /** Lag bounds an operator reasons in: sub-second is healthy, minutes are an incident. */
    private static final Duration[] BOUNDS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1)};

    private final MeterRegistry meters;
    private final String group;
    private final Map<String, Timer> byTopic = new ConcurrentHashMap<>();

    public RecordAges(MeterRegistry meters, String group, Collection<String> topics) {
        this.meters = meters;
        this.group = group;
        topics.forEach(this::timer);
    }

    /** A record of {@code topic} written at {@code timestampMillis} is being processed now. */
    public void taken(String topic, long timestampMillis) {
        timer(topic).record(Math.max(0, System.currentTimeMillis() - timestampMillis), TimeUnit.MILLISECONDS);
    }

    private Timer timer(String topic) {
        return byTopic.computeIfAbsent(topic, name -> Timer.builder(METER).tag("group", group).tag("topic", name)
                .description("From a record's write to the broker to its consumer processing it")
                .serviceLevelObjectives(BOUNDS)
                .register(meters));
    }
}
