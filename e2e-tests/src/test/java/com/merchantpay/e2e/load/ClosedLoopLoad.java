package com.merchantpay.e2e.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closed-loop load: {@code concurrency} virtual users, each sending its next checkout as soon as the
 * previous one answered, for a warm-up (not recorded) and then a measured window. Latencies go to an
 * HdrHistogram in microseconds.
 */
final class ClosedLoopLoad {

    private ClosedLoopLoad() {
    }

    static StepResult run(CheckoutPath path, int concurrency, Duration warmUp, Duration measured) {
        path.prepare(concurrency);
        Histogram latencies = new ConcurrentHistogram(3);
        AtomicLong failed = new AtomicLong();
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long measureTo = measureFrom + measured.toNanos();
        Flux.range(0, concurrency)
                .flatMap(user -> Mono.defer(() -> timed(path, user, measureFrom, measureTo, latencies, failed))
                        .repeat(() -> System.nanoTime() < measureTo), concurrency)
                .blockLast(warmUp.plus(measured).plusMinutes(3));
        return new StepResult(path.name(), concurrency, measured, latencies.getTotalCount(), failed.get(),
                millis(latencies, 50), millis(latencies, 95), millis(latencies, 99), latencies.getMaxValue() / 1000.0);
    }

    private static Mono<Boolean> timed(CheckoutPath path, int user, long measureFrom, long measureTo,
                                       Histogram latencies, AtomicLong failed) {
        long began = System.nanoTime();
        return path.checkout(user).map(orderNo -> true).defaultIfEmpty(false).doOnNext(ok -> {
            long ended = System.nanoTime();
            if (began >= measureFrom && ended <= measureTo) {
                if (ok) {
                    latencies.recordValue(Math.max(1, (ended - began) / 1_000));
                } else {
                    failed.incrementAndGet();
                }
            }
        });
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
