package com.merchantpay.sandbox.counters;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/** Per-order-number tallies that let a test prove "one PSP order per order number" and friends. */
@Component
public class SandboxCounters {

    private final Map<String, Tally> byOrder = new ConcurrentHashMap<>();

    public void create(String transactionId) {
        tally(transactionId).creates.increment();
    }

    public void query(String transactionId) {
        tally(transactionId).queries.increment();
    }

    public void notificationSent(String transactionId) {
        tally(transactionId).sent.increment();
    }

    public void notificationAcknowledged(String transactionId) {
        tally(transactionId).acknowledged.increment();
    }

    public void notificationDropped(String transactionId) {
        tally(transactionId).dropped.increment();
    }

    public void forgedNotificationSent(String transactionId) {
        tally(transactionId).forged.increment();
    }

    /** Zeroes for a number never seen, so a test can assert "never created". */
    public OrderCounters of(String transactionId) {
        Tally tally = byOrder.get(transactionId);
        return tally == null ? new OrderCounters(0, 0, 0, 0, 0, 0) : tally.read();
    }

    public OrderCounters totals() {
        long[] sums = new long[6];
        byOrder.values().forEach(tally -> {
            OrderCounters one = tally.read();
            sums[0] += one.creates();
            sums[1] += one.queries();
            sums[2] += one.notificationsSent();
            sums[3] += one.notificationsAcknowledged();
            sums[4] += one.notificationsDropped();
            sums[5] += one.forgedNotificationsSent();
        });
        return new OrderCounters(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5]);
    }

    public Map<String, OrderCounters> all() {
        Map<String, OrderCounters> all = new TreeMap<>();
        byOrder.forEach((id, tally) -> all.put(id, tally.read()));
        return all;
    }

    public void reset() {
        byOrder.clear();
    }

    private Tally tally(String transactionId) {
        return byOrder.computeIfAbsent(transactionId, id -> new Tally());
    }

    private static final class Tally {
        final LongAdder creates = new LongAdder();
        final LongAdder queries = new LongAdder();
        final LongAdder sent = new LongAdder();
        final LongAdder acknowledged = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final LongAdder forged = new LongAdder();

        OrderCounters read() {
            return new OrderCounters(creates.sum(), queries.sum(), sent.sum(), acknowledged.sum(),
                    dropped.sum(), forged.sum());
        }
    }
}
