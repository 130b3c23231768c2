package com.merchantpay.gateway.status;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Every order this gateway cluster has seen, rebuilt from the topics by {@link OrderViewFeed} on
 * every instance: the topics are the source of truth, so all instances and restarts agree and
 * no routing is sticky. Waiters (checkout, long-polls) hold no thread: each is a timer plus an
 * entry under its order number, and a change wakes only the waiters of that order. The feed
 * thread only completes them; the reply is built on another thread.
 */
@Component
public class OrderView {

    /** One waiting request: what it waits for and where the answer goes. */
    private record Waiter(Predicate<OrderSnapshot> done, Sinks.One<OrderSnapshot> answer) {
    }

    private final Map<String, OrderSnapshot> orders = new ConcurrentHashMap<>();
    /**
     * When each order began (its oldest event's timestamp, normally its checkout): what the horizon is
     * measured on. Not its last change: a view loaded from now − horizon has every order that began
     * inside the window with all its events, so a fresh instance and a long-running one hold the same
     * orders, and an order is never half-known (a late event without its checkout, hence no owner).
     */
    private final Map<String, Long> beganAt = new ConcurrentHashMap<>();
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    public OrderView(MeterRegistry meters) {
        meters.gauge("gateway.longpolls.open", waiting);
    }

    public Optional<OrderSnapshot> find(String orderNo) {
        return Optional.ofNullable(orders.get(orderNo));
    }

    /**
     * The order as soon as {@code done} holds for it, or whatever the view holds when {@code max}
     * runs out (empty if the order is still unknown).
     */
    public Mono<Optional<OrderSnapshot>> await(String orderNo, Predicate<OrderSnapshot> done, Duration max) {
        return Mono.defer(() -> {
            Waiter waiter = new Waiter(done, Sinks.one());
            waiters.compute(orderNo, (key, set) -> {
                Set<Waiter> all = set != null ? set : new HashSet<>();
                all.add(waiter);
                return all;
            });
            // Registered before the current value is read, so a change in between is not missed.
            OrderSnapshot now = orders.get(orderNo);
            if (now != null && done.test(now)) {
                waiter.answer().tryEmitValue(now);
            }
            return waiter.answer().asMono()
                    .map(Optional::of)
                    .timeout(max, Mono.fromSupplier(() -> find(orderNo)))
                    .doFinally(signal -> forget(orderNo, waiter));
        })
                // The feed thread completed the wait; the reply is built elsewhere.
                .publishOn(Schedulers.parallel())
                .doOnSubscribe(s -> waiting.incrementAndGet())
                .doFinally(signal -> waiting.decrementAndGet());
    }

    public int openWaits() {
        return waiting.get();
    }

    public int size() {
        return orders.size();
    }

    /** Called by the feed thread only. */
    void apply(OrderFact fact, long eventTimestamp) {
        OrderSnapshot before = orders.get(fact.orderNo());
        OrderSnapshot after = OrderSnapshot.apply(before, fact);
        beganAt.merge(fact.orderNo(), eventTimestamp, Math::min);
        if (after.equals(before)) {
            return;
        }
        orders.put(fact.orderNo(), after);
        Set<Waiter> waiting = waiters.get(fact.orderNo());
        if (waiting != null) {
            for (Waiter waiter : snapshotOf(fact.orderNo())) {
                if (waiter.done().test(after)) {
                    waiter.answer().tryEmitValue(after);
                }
            }
        }
    }

    /** Archives the orders that began before {@code cutoffMillis}. Called by the feed thread only. */
    int forgetBegunBefore(long cutoffMillis) {
        int forgotten = 0;
        for (Map.Entry<String, Long> order : beganAt.entrySet()) {
            if (order.getValue() < cutoffMillis) {
                orders.remove(order.getKey());
                beganAt.remove(order.getKey());
                forgotten++;
            }
        }
        return forgotten;
    }

    private Set<Waiter> snapshotOf(String orderNo) {
        Set<Waiter> copy = new HashSet<>();
        waiters.computeIfPresent(orderNo, (key, set) -> {
            copy.addAll(set);
            return set;
        });
        return copy;
    }

    private void forget(String orderNo, Waiter waiter) {
        waiters.computeIfPresent(orderNo, (key, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }
}
