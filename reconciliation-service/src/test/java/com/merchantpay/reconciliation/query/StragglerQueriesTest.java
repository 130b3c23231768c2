package com.merchantpay.reconciliation.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.useepay.query.PspOrderStatus;
import com.merchantpay.useepay.query.QueryResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The executor's own rules, with a lookup that answers after a delay (UseePay itself is tested elsewhere). */
class StragglerQueriesTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<QueryReport> reports = new CopyOnWriteArrayList<>();

    @Test
    void neverRunsMoreThanItsConcurrencyAndReportsEveryJobOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        PspStatusLookup slow = job -> Mono.defer(() -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            // Done counts once the answer exists, before it flows on (and lets the executor start the next one).
            return Mono.delay(Duration.ofMillis(20)).map(tick -> {
                running.decrementAndGet();
                return found(job.orderNo());
            });
        });
        try (StragglerQueries queries = new StragglerQueries(slow, 4, 200, Duration.ofSeconds(5), Clock.systemUTC(), meters)) {
            IntStream.range(0, 100).forEach(i -> assertThat(queries.submit(job("O-" + i))).isTrue());

            await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() == 100);
            assertThat(mostAtOnce.get()).isEqualTo(4);
            assertThat(reports.stream().map(QueryReport::orderNo).distinct()).hasSize(100);
            assertThat(queries.freeSlots()).isEqualTo(200);
        }
    }

    @Test
    void refusesASecondJobForAnOrderAlreadyHeldAndAnyJobBeyondCapacity() {
        PspStatusLookup never = job -> Mono.never();
        try (StragglerQueries queries = new StragglerQueries(never, 1, 2, Duration.ofSeconds(30), Clock.systemUTC(), meters)) {
            assertThat(queries.submit(job("A"))).isTrue();
            assertThat(queries.submit(job("A"))).isFalse();
            assertThat(queries.submit(job("B"))).isTrue();
            assertThat(queries.submit(job("C"))).isFalse();
            assertThat(queries.freeSlots()).isZero();
        }
    }

    @Test
    void anErrorOrADeadlineBecomesAnUnknownReportNeverASilence() {
        Map<String, Mono<QueryResult>> answers = new ConcurrentHashMap<>(Map.of(
                "ERR", Mono.error(new IllegalStateException("boom")),
                "SLOW", Mono.never(),
                "EMPTY", Mono.empty()));
        try (StragglerQueries queries = new StragglerQueries(job -> answers.get(job.orderNo()), 3, 3, Duration.ofMillis(200), Clock.systemUTC(), meters)) {
            answers.keySet().forEach(orderNo -> queries.submit(job(orderNo)));

            await().atMost(Duration.ofSeconds(5)).until(() -> reports.size() == 3);
            assertThat(reports).allSatisfy(report -> assertThat(report.result()).isInstanceOf(QueryResult.Unknown.class));
            assertThat(meters.get("reconciliation.queries").tag("result", "unknown").counter().count()).isEqualTo(3);
        }
    }

    private QueryJob job(String orderNo) {
        return new QueryJob(orderNo, false, "trace", 1, reports::add);
    }

    private static QueryResult found(String orderNo) {
        return new QueryResult.Found(orderNo, "R-" + orderNo, PspOrderStatus.SUCCEED, "succeed", 1000L, "HKD", "0000", "ok", null);
    }
}
