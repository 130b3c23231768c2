package com.merchantpay.e2e.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What the traffic did, order by order, as the Mini Program and the user saw it. Thread-safe. */
final class ChaosOrders {

    /** What the virtual user means to do with the order. */
    enum Intent { PAY, FAIL, LEAVE, REJECT }

    /**
     * One checkout that got an order number.
     *
     * @param creating   from the start of the checkout call that was answered to the moment the order was
     *                   seen out of {@code CREATING} (its 201/422, or the status long-poll after a 202)
     * @param moveStatus how the user's move in WeChat went: 200, 409 (already final), or 0 (not attempted)
     * @param arrivedAt  when the user pressed "pay" (the first checkout attempt began)
     * @param checkoutAnsweredAt when the gateway's answer that counted (201, 202 or 422) came, after any retries
     */
    record Placed(String orderNo, Intent intent, int checkoutStatus, Instant answeredAt, Duration creating, int moveStatus,
                  Instant arrivedAt, Instant checkoutAnsweredAt) {

        /** What the user waited for the checkout's answer, every retry through an outage included. */
        Duration checkoutWait() {
            return Duration.between(arrivedAt, checkoutAnsweredAt);
        }

        boolean paidByUser() {
            return intent == Intent.PAY && moveStatus == 200;
        }
    }

    private final Map<String, Placed> placed = new ConcurrentHashMap<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger checkoutRetries = new AtomicInteger();
    private final List<String> stillCreating = new CopyOnWriteArrayList<>();
    private final List<String> driverFailures = new CopyOnWriteArrayList<>();

    /** Counts a new checkout and returns its sequence number (from 0). */
    int started() {
        return started.getAndIncrement();
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
    void stillCreating(String orderNo) {
        stillCreating.add(orderNo);
    }

    /** The driver itself failed on this order (an exception or a failed expectation): the run cannot judge it. */
    void driverFailed(int sequence, Throwable failure) {
        driverFailures.add("order " + sequence + ": " + failure);
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

    List<String> stillCreating() {
        return List.copyOf(stillCreating);
    }

    List<String> driverFailures() {
        return List.copyOf(driverFailures);
    }

    Map<String, Placed> byOrderNo() {
        return Map.copyOf(placed);
    }

    /** Orders the user paid in WeChat (the sandbox answered the pay with 200), newest first. */
    List<Placed> paidByUser() {
        return placed.values().stream().filter(Placed::paidByUser)
                .sorted(java.util.Comparator.comparing(Placed::answeredAt).reversed()).toList();
    }

    /** Whether the user paid this order; money UseePay took for any other order landed after it closed. */
    boolean paidByUser(String orderNo) {
        Placed order = placed.get(orderNo);
        return order != null && order.paidByUser();
    }

    List<Placed> withIntent(Intent intent) {
        return placed.values().stream().filter(order -> order.intent() == intent).toList();
    }
}
