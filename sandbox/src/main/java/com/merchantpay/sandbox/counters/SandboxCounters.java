package com.merchantpay.sandbox.counters;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Per-number tallies (orders and refunds alike) that let a test prove "one PSP order per order
 * number", "one refund per refund number" and friends.
 */
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

    public void refundCall(String transactionId) {
        tally(transactionId).refundCalls.increment();
    }

    public void refundMade(String transactionId) {
        tally(transactionId).refundsMade.increment();
    }

    /** Zeroes for a number never seen, so a test can assert "never created". */
    public OrderCounters of(String transactionId) {
        Tally tally = byOrder.get(transactionId);
        return tally == null ? new OrderCounters(0, 0, 0, 0, 0, 0, 0, 0) : tally.read();
    }

    public OrderCounters totals() {
        long[] sums = new long[8];
        byOrder.values().forEach(tally -> {
            OrderCounters one = tally.read();
            sums[0] += one.creates();
            sums[1] += one.queries();
            sums[2] += one.notificationsSent();
            sums[3] += one.notificationsAcknowledged();
            sums[4] += one.notificationsDropped();
            sums[5] += one.forgedNotificationsSent();
            sums[6] += one.refundCalls();
            sums[7] += one.refundsMade();
        });
        return new OrderCounters(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7]);
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
        final LongAdder refundCalls = new LongAdder();
        final LongAdder refundsMade = new LongAdder();

        OrderCounters read() {
            return new OrderCounters(creates.sum(), queries.sum(), sent.sum(), acknowledged.sum(),
                    dropped.sum(), forged.sum(), refundCalls.sum(), refundsMade.sum());
        }
    }
}
