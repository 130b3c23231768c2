package com.merchantpay.notify.outcome;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Orders whose {@code RefundRequired} has not yet been followed by the money going back
 * ({@code RefundSucceeded} for everything taken), as two gauges an operator can alert on:
 * {@code notify.refunds.required.open} (how many) and {@code notify.refunds.required.oldest_age}
 * (seconds since the oldest one was required; 0 when none). The automatic refund normally settles
 * such an order within minutes; one that stays open means UseePay refused it or nobody carried it
 * out, and the buyer is still owed the money.
 *
 * <p>Each stream task reports its own partitions' open refunds (from its changelogged store, on the
 * stream thread), and forgets them when the task closes, so an instance reports exactly the
 * partitions it owns and the sum over instances is the whole.
 */
final class OpenRequiredRefunds {

    private record Open(long count, long oldestRequiredAtMillis) {
    }

    private final Map<String, Open> byTask = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    OpenRequiredRefunds(MeterRegistry meters, LongSupplier clock) {
        this.clock = clock;
        Gauge.builder("notify.refunds.required.open", this, OpenRequiredRefunds::count)
                .description("Orders with RefundRequired whose money has not all gone back yet").register(meters);
        Gauge.builder("notify.refunds.required.oldest_age", this, OpenRequiredRefunds::oldestAgeSeconds)
                .baseUnit("seconds")
                .description("Since the oldest open RefundRequired was published; 0 when none is open").register(meters);
    }

    void report(String task, long count, long oldestRequiredAtMillis) {
        byTask.put(task, new Open(count, oldestRequiredAtMillis));
    }

    void forget(String task) {
        byTask.remove(task);
    }

    double count() {
        return byTask.values().stream().mapToLong(Open::count).sum();
    }

    double oldestAgeSeconds() {
        return byTask.values().stream().filter(open -> open.count() > 0).mapToLong(Open::oldestRequiredAtMillis).min()
                .stream().mapToDouble(oldest -> Math.max(0, clock.getAsLong() - oldest) / 1000.0).findFirst().orElse(0);
    }
}
