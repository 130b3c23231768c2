package com.merchantpay.notify.outcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * {@code notify.outcomes{kind}}, {@code notify.alerts{kind}} and {@code notify.refund_decisions{kind}}
 * (the refund ledger's approvals, refusals and its own requests). Counted when the processor forwards
 * the event: a transaction that aborts and is retried counts twice, the topic still holds one.
 */
final class OutcomeMetrics {

    private final MeterRegistry registry;
    private final java.util.Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    OutcomeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void published(Emission emission) {
        String name = switch (emission.channel()) {
            case OUTCOME -> "notify.outcomes";
            case ALERT -> "notify.alerts";
            case REFUND, REFUND_REQUEST -> "notify.refund_decisions";
        };
        counters.computeIfAbsent(name + "/" + emission.kind(), key -> Counter.builder(name).tag("kind", emission.kind())
                .description("Events published by the outcome processor")
                .register(registry)).increment();
    }

    /**
     * From a finding's write (ingest or reconciler) to the processor taking it: the hop a paid order
     * waits on between UseePay's notification being acknowledged and its outcome being decided.
     */
    void findingAge(String kind, long writtenAtMillis) {
        timers.computeIfAbsent(kind, key -> Timer.builder("notify.outcome.finding_age").tag("kind", kind)
                .description("From a finding's write to the broker to the outcome processor taking it")
                .publishPercentileHistogram().register(registry))
                .record(Math.max(0, System.currentTimeMillis() - writtenAtMillis), TimeUnit.MILLISECONDS);
    }

    void forgotten(int settlements) {
        counters.computeIfAbsent("forgotten", key -> Counter.builder("notify.settlements.forgotten")
                .description("Settled orders dropped from the store once their retention passed")
                .register(registry)).increment(settlements);
    }

    void skipped(String reason) {
        Counter.builder("notify.outcome.inputs.skipped").tag("reason", reason)
                .description("Input records the outcome processor had no rule for")
                .register(registry).increment();
    }
}
