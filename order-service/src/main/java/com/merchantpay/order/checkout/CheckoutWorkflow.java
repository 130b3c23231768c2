package com.merchantpay.order.checkout;

import com.merchantpay.events.checkout.CheckoutRequested;
import com.merchantpay.order.catalog.Catalog;
import com.merchantpay.order.catalog.Pricing;
import com.merchantpay.order.decision.OrderDecision;
import com.merchantpay.order.decision.RejectionReason;
import com.merchantpay.order.ledger.OrderLedger;
import com.merchantpay.order.psp.Placement;
import com.merchantpay.order.psp.PspOrder;
import com.merchantpay.order.psp.PspOrderPlacement;
import com.merchantpay.schemas.tracing.TraceHeaders;
import io.micrometer.observation.Observation;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One checkout, start to decision:
 * <pre>
 *   older than the horizon (order.checkout.max-age) ──────▶ skip: history, not work
 *   already decided (ledger) ──────────────────────────────▶ skip
 *   invalid event / catalog refuses ───────────────────────▶ OrderRejected(reason)
 *   priced ─▶ UseePay pay (unknown → query first, retries) ─┬▶ Placed        ─▶ OrderCreated
 *                                                           ├▶ Refused       ─▶ OrderRejected(PSP_REJECTED)
 *                                                           ├▶ Unrecoverable ─▶ OrderRejected(PSP_ORDER_UNRECOVERABLE)
 *                                                           └▶ still unknown ─▶ OrderRejected(CHECKOUT_FAILED)
 *                                                                               + alert, record → dead-letter topic
 *   any other failure, or past the decision deadline ──────▶ the same as still unknown
 * </pre>
 * The returned future completes when the decision is durable on the topic; only then is the
 * checkout acknowledged. Work of one order number runs strictly one at a time ({@link OrderGuard}).
 */
@Component
public class CheckoutWorkflow {

    private static final Logger log = LoggerFactory.getLogger(CheckoutWorkflow.class);
    private static final int MAX_ORDER_NO_LENGTH = 64;

    private final OrderLedger ledger;
    private final Catalog catalog;
    private final PspOrderPlacement psp;
    private final OrderEventPublisher publisher;
    private final OrderGuard guard;
    private final DecisionMetrics metrics;
    private final CheckoutProperties properties;
    private final Clock clock = Clock.systemUTC();

    public CheckoutWorkflow(OrderLedger ledger, Catalog catalog, PspOrderPlacement psp, OrderEventPublisher publisher,
                            OrderGuard guard, DecisionMetrics metrics, CheckoutProperties properties) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.psp = psp;
        this.publisher = publisher;
        this.guard = guard;
        this.metrics = metrics;
        this.properties = properties;
    }

    /**
     * Completes when the decision is durable (or the checkout needed none); fails for what belongs in
     * the dead-letter topic, or with {@link PartitionLeases.LeaseLostException} when the partition
     * was revoked first: that work is neither finished nor dead-lettered, the partition's next owner
     * reads the checkout again from the last committed offset. {@code processing} is the checkout's
     * observation: UseePay calls and the decision's write are observed as its children.
     */
    public CompletableFuture<Void> handle(PartitionLeases.Lease lease, int partition, CheckoutRequested checkout,
                                          Instant writtenAt, Observation processing) {
        if (checkout.getOrderNo().isBlank()) {
            throw new UnprocessableCheckoutException("CheckoutRequested " + checkout.getEventId() + " has no order number");
        }
        return guard.inTurn(partition, checkout.getOrderNo(), () -> lease.guard(
                decide(lease, partition, checkout, writtenAt, processing)
                        .timeout(properties.decisionDeadline())
                        // Inside the order's turn: a second record of the same order finds this rejection in the ledger.
                        .onErrorResume(failure -> !(failure instanceof PartitionLeases.LeaseLostException),
                                failure -> publisher.publishGivenUp(lease, partition, checkout, failure, processing)
                                        .then(Mono.error(failure))))
                .toFuture());
    }

    private Mono<Void> decide(PartitionLeases.Lease lease, int partition, CheckoutRequested checkout, Instant writtenAt,
                              Observation processing) {
        if (writtenAt.isBefore(clock.instant().minus(properties.maxAge()))) {
            metrics.pastHorizon();
            log.warn("checkout of order {} written at {} is older than {}: history, not placed", checkout.getOrderNo(),
                    writtenAt, properties.maxAge());
            return Mono.empty();
        }
        if (ledger.isDecided(partition, checkout.getOrderNo())) {
            metrics.alreadyDecided();
            return Mono.empty();
        }
        Pricing pricing = invalidEvent(checkout) != null ? invalidEvent(checkout) : catalog.price(checkout.getItems());
        Mono<OrderDecision> decision = switch (pricing) {
            case Pricing.Refused refused -> Mono.just(new OrderDecision.Rejected(
                    checkout.getOrderNo(), refused.reason(), refused.detail(), null));
            case Pricing.Priced priced -> psp.place(pspOrder(checkout, priced), processing).map(placed -> decision(priced, placed, checkout));
        };
        return decision
                .doOnNext(made -> logDecision(checkout, made))
                .flatMap(made -> publisher.publish(lease, partition, checkout.getTraceId(), checkout.getOpenId(), made, processing));
    }

    private static OrderDecision decision(Pricing.Priced priced, Placement placement, CheckoutRequested checkout) {
        String orderNo = checkout.getOrderNo();
        return switch (placement) {
            case Placement.Placed placed -> new OrderDecision.Created(orderNo, priced.amountMinor(), priced.currency(),
                    priced.subject(), placed.order().reference(), placed.expiresAt(), placed.order().payment());
            case Placement.Refused refused -> new OrderDecision.Rejected(orderNo, RejectionReason.PSP_REJECTED,
                    "UseePay refused the order: " + refused.errorMessage(), refused.errorCode());
            case Placement.Unrecoverable held -> new OrderDecision.Rejected(orderNo, RejectionReason.PSP_ORDER_UNRECOVERABLE,
                    "UseePay holds order " + held.order().reference() + " (" + held.order().statusWireValue()
                            + ") but will not hand out its pay parameters again", null);
        };
    }

    private static Pricing.Refused invalidEvent(CheckoutRequested checkout) {
        if (checkout.getOrderNo().length() > MAX_ORDER_NO_LENGTH) {
            return new Pricing.Refused(RejectionReason.INVALID_CHECKOUT, "the order number is longer than 64 characters");
        }
        if (checkout.getOpenId().isBlank()) {
            return new Pricing.Refused(RejectionReason.INVALID_CHECKOUT, "the checkout names no payer (openid)");
        }
        return null;
    }

    private static PspOrder pspOrder(CheckoutRequested checkout, Pricing.Priced priced) {
        return new PspOrder(checkout.getOrderNo(), priced.amountMinor(), priced.currency(), priced.subject(),
                checkout.getOpenId(), checkout.getPayerIp(), checkout.getTraceId());
    }

    private static void logDecision(CheckoutRequested checkout, OrderDecision decision) {
        try (MDC.MDCCloseable trace = MDC.putCloseable(TraceHeaders.MDC_KEY, checkout.getTraceId())) {
            switch (decision) {
                case OrderDecision.Created created -> log.info("order {} created at UseePay as {}",
                        created.orderNo(), created.pspReference());
                case OrderDecision.Rejected rejected -> log.info("order {} rejected: {} ({})",
                        rejected.orderNo(), rejected.reason(), rejected.detail());
            }
        }
    }
}
