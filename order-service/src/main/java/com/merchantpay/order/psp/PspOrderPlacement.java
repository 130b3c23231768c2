package com.merchantpay.order.psp;

import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.autoconfigure.UseePayProperties;
import com.merchantpay.useepay.pay.JsapiPayRequest;
import com.merchantpay.useepay.pay.PayResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.retry.Retry;

/**
 * Places one order with UseePay and resolves any doubt before answering.
 *
 * <p>The first attempt is the client's {@code payOrRecover}: it pays and, on an unknown outcome or a
 * {@code 1001}, queries before anything else; each retry is {@code resumeAfterUnknown}, which starts
 * with a query. An order UseePay already holds is only asked
 * for again when it awaits payment (the idempotent variant hands out the same parameters; the
 * rejecting one makes it {@link Placement.Unrecoverable}); an order UseePay does not know is paid
 * afresh. So no attempt can create a second order.
 */
@Component
public class PspOrderPlacement {

    private final UseePayClient client;
    private final UseePayProperties useepay;
    private final WeChatProperties wechat;
    private final PlacementProperties retry;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    public PspOrderPlacement(UseePayClient client, UseePayProperties useepay, WeChatProperties wechat,
                             PlacementProperties retry, MeterRegistry meters) {
        this.client = client;
        this.useepay = useepay;
        this.wechat = wechat;
        this.retry = retry;
        this.meters = meters;
        Gauge.builder("order.psp.in_flight", inFlight, AtomicInteger::get)
                .description("orders being placed with UseePay right now (calls, recoveries and their back-off)")
                .register(meters);
    }

    /**
     * Completes with a {@link Placement}, or fails with {@link PspOutcomeUnknownException} when retries run out.
     * Every UseePay call is observed as a child of {@code parent} (the checkout's observation) and carries its trace.
     */
    public Mono<Placement> place(PspOrder order, Observation parent) {
        JsapiPayRequest request = new JsapiPayRequest(order.orderNo(), order.amountMinor(), order.currency(),
                order.subject(), wechat.appId(), order.openId(), useepay.orderExpiry(), order.payerIp());
        AtomicBoolean paidBefore = new AtomicBoolean();
        return Mono.defer(() -> timed(paidBefore.getAndSet(true) ? client.resumeAfterUnknown(request) : client.payOrRecover(request)))
                .flatMap(result -> result instanceof PayResult.Unknown unknown
                        ? Mono.<PayResult>error(new PspOutcomeUnknownException(order.orderNo(), unknown.cause()))
                        : Mono.just(result))
                .retryWhen(Retry.backoff(retry.retries(), retry.minBackoff()).maxBackoff(retry.maxBackoff())
                        .filter(PspOutcomeUnknownException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .map(this::placement)
                .doOnSubscribe(s -> peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
                .doFinally(signal -> inFlight.decrementAndGet())
                .contextWrite(context -> {
                    Context traced = context.put(UseePayClient.TRACE_ID_CONTEXT_KEY, order.traceId());
                    return parent == null ? traced : traced.put(ObservationThreadLocalAccessor.KEY, parent);
                });
    }

    /** The most orders that were being placed at once since start-up (for the benchmark). */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    private Placement placement(PayResult result) {
        return switch (result) {
            case PayResult.Accepted accepted -> new Placement.Placed(accepted, expiresAt(clock.instant()));
            case PayResult.Rejected rejected -> new Placement.Refused(rejected.errorCode(), rejected.errorMessage());
            case PayResult.Existing existing -> new Placement.Unrecoverable(existing);
            case PayResult.Unknown unknown -> throw new IllegalStateException("unknown outcomes are retried above");
        };
    }

    private Instant expiresAt(Instant replied) {
        return replied.plus(useepay.orderExpiry());
    }

    private Mono<PayResult> timed(Mono<PayResult> call) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return call.doOnNext(result -> Timer.builder("order.psp.calls")
                    .description("one placement attempt at UseePay (pay, with its query-based recovery)")
                    .tag("outcome", outcome(result))
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS));
        });
    }

    private static String outcome(PayResult result) {
        return switch (result) {
            case PayResult.Accepted a -> "accepted";
            case PayResult.Rejected r -> "rejected";
            case PayResult.Existing e -> "existing";
            case PayResult.Unknown u -> "unknown";
        };
    }

}
