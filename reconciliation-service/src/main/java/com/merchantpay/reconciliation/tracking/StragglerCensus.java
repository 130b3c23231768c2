package com.merchantpay.reconciliation.tracking;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauges over every open order of this instance: stragglers by age, the oldest unsettled order's
 * age, orders tracked. Each tracker task counts its own partition now and then (a scan of its
 * store) and files the count here; the gauges add up the latest count of every task.
 */
public final class StragglerCensus {

    /** Age buckets (real time since creation) of stragglers: upper bounds, the last one open. */
    static final List<AgeBucket> BUCKETS = List.of(
            new AgeBucket("under_5m", Duration.ofMinutes(5)),
            new AgeBucket("5m_to_20m", Duration.ofMinutes(20)),
            new AgeBucket("20m_to_1h", Duration.ofHours(1)),
            new AgeBucket("over_1h", null));

    record AgeBucket(String name, Duration below) {
        boolean holds(Duration age) {
            return below == null || age.compareTo(below) < 0;
        }
    }

    /** One task's count. */
    record Count(long tracked, long[] stragglersByBucket, Duration oldestUnsettledAge) {
    }

    private final Map<String, Count> byTask = new ConcurrentHashMap<>();

    public StragglerCensus(MeterRegistry meters) {
        for (int i = 0; i < BUCKETS.size(); i++) {
            int bucket = i;
            Gauge.builder("reconciliation.stragglers", this, census -> census.stragglers(bucket))
                    .description("Open orders past the grace period with no outcome, by age since creation")
                    .tag("age", BUCKETS.get(i).name()).register(meters);
        }
        Gauge.builder("reconciliation.oldest.unsettled.age", this, census -> census.oldestAge().toMillis() / 1000.0)
                .baseUnit("seconds").description("Age of the oldest order still without an outcome")
                .register(meters);
        Gauge.builder("reconciliation.tracked.orders", this, StragglerCensus::tracked)
                .description("Orders being tracked (open)").register(meters);
    }

    void file(String task, Count count) {
        byTask.put(task, count);
    }

    void withdraw(String task) {
        byTask.remove(task);
    }

    /** Counts the open orders of one task. */
    static Count count(Iterable<TrackedOrder> open, Instant now, Duration grace) {
        long tracked = 0;
        long[] buckets = new long[BUCKETS.size()];
        Duration oldest = Duration.ZERO;
        for (TrackedOrder order : open) {
            tracked++;
            Duration age = Duration.between(order.createdAt(), now);
            oldest = age.compareTo(oldest) > 0 ? age : oldest;
            if (age.compareTo(grace) >= 0) {
                buckets[bucketOf(age)]++;
            }
        }
        return new Count(tracked, buckets, oldest);
    }

    private static int bucketOf(Duration age) {
        for (int i = 0; i < BUCKETS.size(); i++) {
            if (BUCKETS.get(i).holds(age)) {
                return i;
            }
        }
        return BUCKETS.size() - 1;
    }

    double stragglers(int bucket) {
        return byTask.values().stream().mapToLong(count -> count.stragglersByBucket()[bucket]).sum();
    }

    double tracked() {
        return byTask.values().stream().mapToLong(Count::tracked).sum();
    }

    Duration oldestAge() {
        return byTask.values().stream().map(Count::oldestUnsettledAge).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
