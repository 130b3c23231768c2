package com.merchantpay.notify.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code notify.notifications{result,reason}}: accepted, refused (by reason) or not_recorded (Kafka
 * did not confirm in time); {@code notify.notifications.ack}: request arrival → answer, as a histogram.
 */
final class IngestMetrics {

    static final String ACCEPTED = "accepted";
    static final String REFUSED = "refused";
    static final String NOT_RECORDED = "not_recorded";

    private final MeterRegistry registry;
    /** Registered once per tag combination: the lookup is on every notification's path. */
    private final java.util.Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param refusals every reason a notification can be refused for: their series exist from the
     *                 start at zero, so "refused by reason" alerts see the first refusal of each
     */
    IngestMetrics(MeterRegistry registry, java.util.Collection<String> refusals) {
        this.registry = registry;
        refusals.forEach(reason -> counter(REFUSED, reason));
        // The acknowledgement panels read every result from the start, not from its first notification.
        java.util.List.of(ACCEPTED, REFUSED, NOT_RECORDED).forEach(this::ackTimer);
    }

    void answered(String result, String reason, long startedNanos) {
        counter(result, reason).increment();
        ackTimer(result).record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer ackTimer(String result) {
        return timers.computeIfAbsent(result, key -> Timer.builder("notify.notifications.ack").tag("result", result)
                .description("From a notification's arrival to its answer")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(200))
                .register(registry));
    }

    private Counter counter(String result, String reason) {
        return counters.computeIfAbsent(result + "/" + reason, key -> Counter.builder("notify.notifications")
                .tag("result", result).tag("reason", reason)
                .description("UseePay notifications by how they were answered")
                .register(registry));
    }
}
