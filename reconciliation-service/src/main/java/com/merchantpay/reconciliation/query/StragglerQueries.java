package com.merchantpay.reconciliation.query;

import com.merchantpay.useepay.UseePayClient;
import com.merchantpay.useepay.query.QueryResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The bounded query executor. Trackers hand it jobs from the Kafka Streams thread, which never
 * waits for UseePay: at most {@code concurrency} queries run at once, at most {@code capacity}
 * jobs are held (queued or running), and an order is never queried twice at the same time.
 *
 * <p>Every job ends in exactly one report to its tracker, whatever happens — an answer, an
 * unknown outcome, an error or a deadline — so a tracker never waits forever for one.
 */
public final class StragglerQueries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StragglerQueries.class);

    private final PspStatusLookup lookup;
    private final int capacity;
    private final Duration deadline;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer latency;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Sinks.Many<QueryJob> jobs = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable worker;

    /**
     * @param deadline upper bound of one query, a safety net over the client's own timeouts
     */
    public StragglerQueries(PspStatusLookup lookup, int concurrency, int capacity, Duration deadline,
            Clock clock, MeterRegistry meters) {
        if (concurrency < 1 || capacity < concurrency) {
            throw new IllegalArgumentException("need concurrency >= 1 and capacity >= concurrency");
        }
        this.lookup = lookup;
        this.capacity = capacity;
        this.deadline = deadline;
        this.clock = clock;
        this.meters = meters;
        this.latency = Timer.builder("reconciliation.query.latency")
                .description("Time from handing a query to UseePay until its answer").register(meters);
        this.worker = jobs.asFlux().flatMap(this::run, concurrency).subscribe();
    }

    /** How many more jobs would be accepted now. */
    public int freeSlots() {
        return Math.max(0, capacity - held.size());
    }

    /** Queues the job; false (and nothing happens) when the order already has one or the executor is full. */
    public synchronized boolean submit(QueryJob job) {
        if (held.size() >= capacity || !held.add(job.orderNo())) {
            return false;
        }
        // synchronized: a unicast sink takes one emitter at a time, and trackers run on several threads.
        Sinks.EmitResult emitted = jobs.tryEmitNext(job);
        if (emitted.isFailure()) {
            held.remove(job.orderNo());
            log.warn("query executor refused a job: {}", emitted);
            return false;
        }
        return true;
    }

    /** Whether a query for this order is queued or running in this process. */
    public boolean holds(String orderNo) {
        return held.contains(orderNo);
    }

    private Mono<Void> run(QueryJob job) {
        long started = System.nanoTime();
        return Mono.defer(() -> lookup.query(job))
                // The order's trace id rides to UseePay as X-Trace-Id, so the query shows in the order's trail.
                .contextWrite(context -> job.traceId() == null ? context
                        : context.put(UseePayClient.TRACE_ID_CONTEXT_KEY, job.traceId()))
                .timeout(deadline)
                .onErrorResume(error -> Mono.just(new QueryResult.Unknown("query failed: " + error.getClass().getSimpleName())))
                .defaultIfEmpty(new QueryResult.Unknown("query completed without a result"))
                .doOnNext(result -> {
                    latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    countResult(result);
                    deliver(job, result);
                })
                .then();
    }

    private void deliver(QueryJob job, QueryResult result) {
        try {
            job.replyTo().accept(new QueryReport(job.orderNo(), job.attempt(), result, clock.instant()));
        } finally {
            // Released only after the report is in the mailbox, so a tracker that sees the order
            // neither held here nor reported knows the query was lost (restart, rebalance).
            held.remove(job.orderNo());
        }
    }

    private void countResult(QueryResult result) {
        String tag = switch (result) {
            // The enum, not the wire text: outside text must not decide how many time series exist.
            case QueryResult.Found found -> found.status().name().toLowerCase(java.util.Locale.ROOT);
            case QueryResult.NotFound notFound -> "not_found";
            case QueryResult.Unknown unknown -> "unknown";
        };
        Counter.builder("reconciliation.queries").description("UseePay queries by what they learnt")
                .tag("result", tag).register(meters).increment();
    }

    @Override
    public void close() {
        worker.dispose();
    }
}
