package com.merchantpay.order.checkout;

import com.merchantpay.order.decision.OrderDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Counters operators watch: decisions by kind and reason, checkouts skipped as already decided, dead letters. */
@Component
public class DecisionMetrics {

    private final MeterRegistry meters;
    private final Counter skipped;
    private final Counter pastHorizon;
    private final Timer publish;

    public DecisionMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.skipped = Counter.builder("order.checkouts.already_decided")
                .description("checkouts whose order number already had a decision (redelivery, replay)")
                .register(meters);
        this.pastHorizon = Counter.builder("order.checkouts.past_horizon")
                .description("checkouts older than order.checkout.max-age, never placed (replays of history)")
                .register(meters);
        this.publish = Timer.builder("order.decision.publish")
                .description("From sending a decision to the broker's acknowledgement (acks=all): the hop back to the gateway")
                .publishPercentileHistogram().register(meters);
    }

    void acknowledged(long sentAtNanos) {
        publish.record(System.nanoTime() - sentAtNanos, TimeUnit.NANOSECONDS);
    }

    void published(OrderDecision decision) {
        String reason = decision instanceof OrderDecision.Rejected rejected ? rejected.reason().name() : "none";
        String kind = decision instanceof OrderDecision.Created ? "created" : "rejected";
        Counter.builder("order.decisions").description("OrderCreated / OrderRejected published")
                .tag("kind", kind).tag("reason", reason).register(meters).increment();
    }

    void alreadyDecided() {
        skipped.increment();
    }

    void pastHorizon() {
        pastHorizon.increment();
    }

    void deadLettered(Throwable failure) {
        Counter.builder("order.dead_letters").description("checkout records sent to the dead-letter topic")
                .tag("exception", rootCause(failure).getClass().getSimpleName()).register(meters).increment();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
