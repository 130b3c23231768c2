package com.merchantpay.notify.outcome;

import com.merchantpay.events.alert.FindingWithoutOrder;
import com.merchantpay.events.alert.PaymentAmountMismatch;
import com.merchantpay.events.outcome.RefundRequired;
import com.merchantpay.schemas.kafka.RecordAges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
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
    private final java.util.Map<String, RecordAges> inputAges = new java.util.concurrent.ConcurrentHashMap<>();
    private final OpenRequiredRefunds openRequiredRefunds;

    OutcomeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.openRequiredRefunds = new OpenRequiredRefunds(registry, System::currentTimeMillis);
        // Alerts fire on the first increase of these: their series must exist before it.
        for (String alert : List.of(PaymentAmountMismatch.getClassSchema().getName(),
                FindingWithoutOrder.getClassSchema().getName())) {
            counter("notify.alerts", alert);
        }
        counter("notify.outcomes", RefundRequired.getClassSchema().getName());
        // The outcome latency panels and alerts read both kinds of finding from the start.
        List.of("notification", "query").forEach(this::findingAgeTimer);
    }

    /** The age of the inputs as the processor takes them, per input topic (one set per application id). */
    RecordAges inputAges(String applicationId, List<String> topics) {
        return inputAges.computeIfAbsent(applicationId, id -> new RecordAges(registry, id, topics));
    }

    OpenRequiredRefunds openRequiredRefunds() {
        return openRequiredRefunds;
    }

    private Counter counter(String name, String kind) {
        return counters.computeIfAbsent(name + "/" + kind, key -> Counter.builder(name).tag("kind", kind)
                .description("Events published by the outcome processor")
                .register(registry));
    }

    void published(Emission emission) {
        String name = switch (emission.channel()) {
            case OUTCOME -> "notify.outcomes";
            case ALERT -> "notify.alerts";
            case REFUND, REFUND_REQUEST -> "notify.refund_decisions";
        };
        counter(name, emission.kind()).increment();
    }

    /**
     * From a finding's write (ingest or reconciler) to the processor taking it: the hop a paid order
     * waits on between UseePay's notification being acknowledged and its outcome being decided.
     */
    void findingAge(String kind, long writtenAtMillis) {
        findingAgeTimer(kind).record(Math.max(0, System.currentTimeMillis() - writtenAtMillis), TimeUnit.MILLISECONDS);
    }

    private Timer findingAgeTimer(String kind) {
        return timers.computeIfAbsent(kind, key -> Timer.builder("notify.outcome.finding_age").tag("kind", kind)
                .description("From a finding's write to the broker to the outcome processor taking it")
                .publishPercentileHistogram().register(registry));
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
