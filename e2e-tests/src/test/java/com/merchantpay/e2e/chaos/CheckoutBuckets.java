package com.merchantpay.e2e.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checkouts answered per second and what shoppers waited, in fixed buckets counted from one moment (a
 * broker's kill): the dip and the recovery around a fault. A checkout falls in the bucket in which
 * its answer came (after any retries); its wait is from the first attempt, so a checkout carried
 * through an outage shows as a late answer, not a lost one.
 */
final class CheckoutBuckets {

    /** Short enough to show a stall of a few seconds, long enough to hold ~10 checkouts at 2/s. */
    static final Duration LENGTH = Duration.ofSeconds(5);

    /** One bucket: from {@code from} for {@link #length}, the checkouts answered in it and their waits. */
    record Bucket(Instant from, Duration length, int answered, Optional<Long> p99Millis, Optional<Long> maxMillis) {
        double perSecond() {
            return answered / (double) length.toSeconds();
        }
    }

    private CheckoutBuckets() {
    }

    /** Every bucket from the first answer to the last (empty ones included: a stall is a bucket with nothing in it). */
    static List<Bucket> around(Instant zero, Collection<ChaosOrders.Placed> placed) {
        return around(zero, placed, Instant.MIN, Instant.MAX);
    }

    /**
     * The buckets that overlap [{@code from}, {@code to}), still aligned on {@code zero}, empty ones included. Whole
     * buckets: an answer counts if its bucket does, so the first and last rates are not cut short by the window.
     */
    static List<Bucket> around(Instant zero, Collection<ChaosOrders.Placed> placed, Instant from, Instant to) {
        Map<Long, List<Long>> waitsByBucket = new TreeMap<>();
        for (ChaosOrders.Placed order : placed) {
            waitsByBucket.computeIfAbsent(index(zero, order.checkoutAnsweredAt()), key -> new ArrayList<>())
                    .add(order.checkoutWait().toMillis());
        }
        if (waitsByBucket.isEmpty()) {
            return List.of();
        }
        long first = from.equals(Instant.MIN) ? ((TreeMap<Long, List<Long>>) waitsByBucket).firstKey() : index(zero, from);
        long last = to.equals(Instant.MAX) ? ((TreeMap<Long, List<Long>>) waitsByBucket).lastKey() : index(zero, to.minusMillis(1));
        List<Bucket> buckets = new ArrayList<>();
        for (long bucket = first; bucket <= last; bucket++) {
            List<Long> waits = waitsByBucket.getOrDefault(bucket, List.of()).stream().sorted().toList();
            buckets.add(new Bucket(zero.plus(LENGTH.multipliedBy(bucket)), LENGTH, waits.size(),
                    waits.isEmpty() ? Optional.empty() : Optional.of(percentile(waits, 0.99)),
                    waits.isEmpty() ? Optional.empty() : Optional.of(waits.getLast())));
        }
        return buckets;
    }

    private static long index(Instant zero, Instant at) {
        return Math.floorDiv(Duration.between(zero, at).toMillis(), LENGTH.toMillis());
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, double share) {
        return sorted.get(Math.max(0, (int) Math.ceil(share * sorted.size()) - 1));
    }
}
