package com.merchantpay.reconciliation.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.reconciliation.support.PaymentEvents;
import com.merchantpay.reconciliation.support.RunningReconciler;
import com.merchantpay.reconciliation.support.ReconciliationScenario;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.Sandbox;
import com.merchantpay.testsupport.SandboxAdmin;
import com.merchantpay.testsupport.TopicTap;
import com.merchantpay.testsupport.UseePayOrders;
import java.net.URI;
import com.merchantpay.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 10,000 paid orders whose notifications were all lost, all due at once, UseePay answering in
 * 100 ms, 32 queries at a time: every one must have its {@code succeed} finding within 60 s, and no
 * order may be queried more than its schedule allows (once: after a final status only the expiry
 * check, 20 minutes away, is left).
 *
 * <p>{@code ./mvnw -B -ntp verify -Pbenchmark -pl reconciliation-service -am -Dit.test=StragglerBenchmarkIT}
 */
@Tag("benchmark")
class StragglerBenchmarkIT {

    private static final int ORDERS = 10_000;
    private static final Duration BUDGET = Duration.ofSeconds(60);

    @Test
    void tenThousandStragglersDueAtOnceAreSettledWithinAMinute() throws Exception {
        SharedInfrastructure.provisionPaymentTopics();
        Sandbox sandbox = ReconciliationScenario.sandbox();
        SandboxAdmin useePay = sandbox.admin();
        TopicTap published = ReconciliationScenario.published();
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> orders = IntStream.range(0, ORDERS).mapToObj(i -> prefix + i).toList();
        try (UseePayOrders useePayOrders = new UseePayOrders(sandbox, URI.create("http://127.0.0.1:9/notify"));
             PaymentEvents events = new PaymentEvents();
             RunningReconciler reconciler = RunningReconciler.start(sandbox,
                     "reconciliation.time-scale=1.0", "reconciliation.tick=250ms",
                     "reconciliation.queries.concurrency=32", "reconciliation.queries.deadline=30s",
                     "useepay.response-timeout=10s",
                     "reconciliation.streams.application-id=reconciliation-benchmark")) {
            useePay.faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0}}}");
            long setupStarted = System.nanoTime();
            placeAndPay(useePayOrders, useePay, orders);
            System.out.printf("setup: %d orders created and paid at the sandbox in %d ms%n",
                    ORDERS, millisSince(setupStarted));
            useePay.faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0}},\"addedLatency\":\"PT0.1S\"}");

            // Created a minute ago (past the 30 s grace), expiring in 20 minutes: all due now.
            Instant created = Instant.now().minus(Duration.ofMinutes(1));
            long started = System.nanoTime();
            orders.forEach(orderNo -> events.orderCreatedAsync(orderNo, created, created.plus(Duration.ofMinutes(21))));
            events.flush();
            System.out.printf("published %d OrderCreated in %d ms%n", ORDERS, millisSince(started));

            long[] lastReport = {System.nanoTime()};
            await().atMost(BUDGET.plusSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                // Every one of them is paid: any finding of theirs is a succeed (checked exactly below).
                long settled = published.records(PaymentTopics.PSP_QUERIES.name()).stream()
                        .filter(record -> record.key().startsWith(prefix)).map(record -> record.key()).distinct().count();
                if (System.nanoTime() - lastReport[0] > 5_000_000_000L) {
                    lastReport[0] = System.nanoTime();
                    System.out.printf("progress: %d s, %d settled%n", millisSince(started) / 1000, settled);
                }
                return settled >= ORDERS;
            });
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            LongSummaryStatistics queries = queriesPerOrder(useePay, prefix);
            published.readToEnd();
            long findings = orders.stream().mapToLong(orderNo -> ReconciliationScenario.findings(orderNo, "succeed").size()).sum();
            System.out.printf("""
                    RESULT %d stragglers settled in %d ms (%.0f orders/s), sandbox latency 100 ms, concurrency 32
                    RESULT queries per order: max %d, min %d, total %d; findings published: %d%n""",
                    ORDERS, elapsed.toMillis(), ORDERS * 1000.0 / elapsed.toMillis(),
                    queries.getMax(), queries.getMin(), queries.getSum(), findings);

            Timer latency = reconciler.context().getBean(MeterRegistry.class).get("reconciliation.query.latency").timer();
            System.out.printf("RESULT query latency as the reconciler saw it: mean %.0f ms, max %.0f ms%n",
                    latency.mean(TimeUnit.MILLISECONDS), latency.max(TimeUnit.MILLISECONDS));

            assertThat(elapsed).isLessThanOrEqualTo(BUDGET);
            assertThat(queries.getCount()).isEqualTo(ORDERS);
            assertThat(queries.getMax()).as("queries per order allowed by the schedule").isEqualTo(1);
            assertThat(findings).isEqualTo(ORDERS);
        }
    }

    private static void placeAndPay(UseePayOrders useePayOrders, SandboxAdmin useePay, List<String> orders) throws Exception {
        try (ExecutorService workers = Executors.newFixedThreadPool(32)) {
            List<Future<?>> done = new ArrayList<>();
            for (String orderNo : orders) {
                done.add(workers.submit(() -> {
                    useePayOrders.place(orderNo, 1000, "HKD", 20);
                    useePay.pay(orderNo);
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        }
    }

    private static LongSummaryStatistics queriesPerOrder(SandboxAdmin useePay, String prefix) {
        LongSummaryStatistics queries = new LongSummaryStatistics();
        useePay.allCounters().forEach((orderNo, counters) -> {
            if (orderNo.startsWith(prefix)) {
                queries.accept(counters.queries());
            }
        });
        return queries;
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
