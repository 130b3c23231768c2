package com.merchantpay.e2e.chaos;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the traffic did, order by order, as the Mini Program and the user saw it. Thread-safe. */
final class ChaosOrders {

    /** What the virtual user means to do with the order. */
    enum Intent { PAY, FAIL, LEAVE, REJECT }

    /** How the user's move in WeChat went: 200, 409 (already final), or not attempted. */
    record Placed(String orderNo, Intent intent, int checkoutStatus, Instant answeredAt, int moveStatus) {
    }

    private final Map<String, Placed> placed = new ConcurrentHashMap<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger checkoutRetries = new AtomicInteger();
    private final AtomicInteger stillCreating = new AtomicInteger();

    void started() {
        started.incrementAndGet();
    }

    void placed(Placed order) {
        placed.put(order.orderNo(), order);
    }

    /** Every retry of a checkout answered 5xx or not at all, until its patience ran out. */
    void unanswered() {
        unanswered.incrementAndGet();
    }

    void retried() {
        checkoutRetries.incrementAndGet();
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    /** A 202 whose status long-poll never left CREATING within the patience. */
    void stillCreating() {
        stillCreating.incrementAndGet();
    }

    int startedCount() {
        return started.get();
    }

    /** Orders whose checkout got an answer with an order number. */
    int answeredCount() {
        return placed.size();
    }

    int unansweredCount() {
        return unanswered.get();
    }

    int skippedCount() {
        return skipped.get();
    }

    int retryCount() {
        return checkoutRetries.get();
    }

    int stillCreatingCount() {
        return stillCreating.get();
    }

    Map<String, Placed> byOrderNo() {
        return Map.copyOf(placed);
    }

    List<Placed> withIntent(Intent intent) {
        return placed.values().stream().filter(order -> order.intent() == intent).toList();
    }
}
