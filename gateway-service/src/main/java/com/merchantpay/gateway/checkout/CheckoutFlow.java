package com.merchantpay.gateway.checkout;

import com.merchantpay.events.checkout.CheckoutItem;
import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.gateway.events.EventPublisher;
import com.merchantpay.gateway.problem.ApiProblem;
import com.merchantpay.gateway.problem.ProblemCode;
import com.merchantpay.gateway.status.BasketDigest;
import com.merchantpay.gateway.status.OrderSnapshot;
import com.merchantpay.gateway.status.OrderState;
import com.merchantpay.gateway.status.OrderView;
import com.merchantpay.schemas.ids.EventIds;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.schemas.tracing.TraceHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records a checkout as {@code CheckoutRequested} and waits, without a thread, for order-service's
 * verdict in the {@link OrderView}. Retries need no memory of their own: the order number is
 * derived from user + Idempotency-Key, the event id from the order number, and the answer from the
 * view that every instance rebuilds from the topics.
 */
@Component
class CheckoutFlow {

    private static final Logger log = LoggerFactory.getLogger(CheckoutFlow.class);

    private final OrderNumbers orderNumbers;
    private final OrderView view;
    private final EventPublisher events;
    private final CheckoutProperties properties;
    private final MeterRegistry meters;
    private final Timer waitTime;
    private final Clock clock;

    CheckoutFlow(OrderNumbers orderNumbers, OrderView view, EventPublisher events, CheckoutProperties properties,
                 MeterRegistry meters, Clock clock) {
        this.orderNumbers = orderNumbers;
        this.view = view;
        this.events = events;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.waitTime = Timer.builder("gateway.checkout.wait")
                .description("From CheckoutRequested acknowledged by the broker to order-service's verdict in the view (or the end of the wait)")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** The order as it stands when order-service answered or the wait ran out (then still CREATING). */
    Mono<OrderSnapshot> checkOut(Checkout checkout) {
        String orderNo = orderNumbers.derive(checkout.openId(), checkout.idempotencyKey());
        List<BasketDigest.Line> lines = checkout.request().items().stream()
                .map(item -> new BasketDigest.Line(item.productId(), item.quantity())).toList();
        String basket = BasketDigest.of(lines);
        Optional<OrderSnapshot> known = view.find(orderNo);
        if (known.isPresent() && known.get().itemsDigest() != null && !known.get().itemsDigest().equals(basket)) {
            count("key_reused");
            return Mono.error(ApiProblem.withExtensions(ProblemCode.IDEMPOTENCY_KEY_REUSED,
                    "Use a new Idempotency-Key for a new basket", Map.of("orderNo", orderNo)));
        }
        // A retry whose checkout the view already holds needs no second event; a first try (or one
        // racing it) writes the same event id, which order-service deduplicates.
        Mono<Void> recorded = known.isPresent() ? Mono.empty()
                : events.publish(PaymentTopics.CHECKOUTS.name(), orderNo, orderNo, checkout.traceId(),
                        event(orderNo, checkout, lines));
        // The wait is timed from the broker's acknowledgement of CheckoutRequested: the verdict's hops only.
        return recorded.then(Mono.fromSupplier(() -> Timer.start(meters)))
                .flatMap(started -> view.await(orderNo, order -> order.state() != OrderState.CREATING, properties.verdictWait())
                        .doOnNext(found -> started.stop(waitTime)))
                .map(found -> found.orElseGet(() -> new OrderSnapshot(orderNo, checkout.openId(), basket, OrderState.CREATING, null, null, false, null)))
                .doOnNext(order -> {
                    count(order.state() == OrderState.CREATING ? "pending" : order.state().name().toLowerCase());
                    try (MDC.MDCCloseable trace = MDC.putCloseable(TraceHeaders.MDC_KEY, checkout.traceId())) {
                        log.info("checkout of order {} answered {}", orderNo, order.state());
                    }
                })
                .doOnError(ApiProblem.class, problem -> count(problem.code().name().toLowerCase()));
    }

    private CheckoutRequested event(String orderNo, Checkout checkout, List<BasketDigest.Line> lines) {
        return CheckoutRequested.newBuilder()
                .setEventId(EventIds.deterministic(orderNo, "CheckoutRequested"))
                .setOccurredAt(clock.instant())
                .setOrderNo(orderNo)
                .setTraceId(checkout.traceId())
                .setOpenId(checkout.openId())
                .setItems(lines.stream().map(line -> new CheckoutItem(line.productId(), line.quantity())).toList())
                .setPayerIp(checkout.payerIp())
                .build();
    }

    private void count(String outcome) {
        meters.counter("gateway.checkouts", "outcome", outcome).increment();
    }

    record Checkout(String openId, String idempotencyKey, CheckoutRequest request, String traceId, String payerIp) {
    }
}
