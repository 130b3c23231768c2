package com.merchantpay.gateway.status;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Every order this gateway cluster has seen, rebuilt from the topics by {@link OrderViewFeed} on
 * every instance: the topics are the source of truth, so all instances and restarts agree and
 * no routing is sticky. Waiters (checkout, long-polls) subscribe to changes instead of holding a
 * thread; a wait is a timer plus a filtered subscription.
 */
@Component
public class OrderView {

    private final Map<String, OrderSnapshot> orders = new ConcurrentHashMap<>();
    /** Written by the feed's single thread only, so emissions never race. */
    private final Sinks.Many<OrderSnapshot> changes = Sinks.many().multicast().directBestEffort();
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
        Flux<OrderSnapshot> updates = changes.asFlux().filter(order -> order.orderNo().equals(orderNo));
        // Subscribed before the current value is read, so a change in between is not missed.
        return Flux.merge(updates, Mono.fromSupplier(() -> orders.get(orderNo)))
                .filter(done)
                .next()
                .map(Optional::of)
                .timeout(max, Mono.fromSupplier(() -> find(orderNo)))
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
    void apply(OrderFact fact) {
        OrderSnapshot before = orders.get(fact.orderNo());
        OrderSnapshot after = OrderSnapshot.apply(before, fact);
        if (!after.equals(before)) {
            orders.put(fact.orderNo(), after);
            changes.tryEmitNext(after);
        }
    }
}
