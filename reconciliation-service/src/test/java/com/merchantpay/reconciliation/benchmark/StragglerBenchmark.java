package com.merchantpay.reconciliation.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.reconciliation.support.PaymentEvents;
import com.merchantpay.reconciliation.support.PublishedEvents;
import com.merchantpay.reconciliation.support.RunningReconciler;
import com.merchantpay.reconciliation.support.SandboxAdmin;
import com.merchantpay.reconciliation.support.SandboxProcess;
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
import tools.jackson.databind.JsonNode;

/**
 * 10,000 paid orders whose notifications were all lost, all due at once, UseePay answering in
 * 100 ms, 32 queries at a time: every one must have its {@code succeed} finding within 60 s, and no
 * order may be queried more than its schedule allows (once: after a final status only the expiry
 * check, 20 minutes away, is left).
 *
 * <p>{@code mvn -f reconciliation-service/pom.xml verify -Dgroups=benchmark -Dtest=StragglerBenchmark}
 */
@Tag("benchmark")
class StragglerBenchmark {

    private static final int ORDERS = 10_000;
    private static final Duration BUDGET = Duration.ofSeconds(60);

    @Test
    void tenThousandStragglersDueAtOnceAreSettledWithinAMinute() throws Exception {
        SharedInfrastructure.provisionPaymentTopics();
        SandboxProcess sandbox = SandboxProcess.shared();
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> orders = IntStream.range(0, ORDERS).mapToObj(i -> prefix + i).toList();
        try (SandboxAdmin useePay = new SandboxAdmin(sandbox);
             PaymentEvents events = new PaymentEvents();
             PublishedEvents published = new PublishedEvents();
             RunningReconciler reconciler = RunningReconciler.start(sandbox,
                     "reconciliation.time-scale=1.0", "reconciliation.tick=250ms",
                     "reconciliation.queries.concurrency=32", "reconciliation.queries.deadline=30s",
                     "useepay.response-timeout=10s",
                     "reconciliation.streams.application-id=reconciliation-benchmark")) {
            useePay.faults("{\"rules\":{\"NOTIFY_DROP\":{\"share\":1.0,\"next\":0}}}");
            long setupStarted = System.nanoTime();
            placeAndPay(useePay, orders);
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
                long settled = published.ordersWithFinding("succeed");
                if (System.nanoTime() - lastReport[0] > 5_000_000_000L) {
                    lastReport[0] = System.nanoTime();
                    System.out.printf("progress: %d s, %d settled%n", millisSince(started) / 1000, settled);
                }
                return settled >= ORDERS;
            });
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            LongSummaryStatistics queries = queriesPerOrder(useePay, prefix);
            long findings = orders.stream().mapToLong(orderNo -> published.findings(orderNo).size()).sum();
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

    private static void placeAndPay(SandboxAdmin useePay, List<String> orders) throws Exception {
        try (ExecutorService workers = Executors.newFixedThreadPool(32)) {
            List<Future<?>> done = new ArrayList<>();
            for (String orderNo : orders) {
                done.add(workers.submit(() -> {
                    useePay.createOrder(orderNo, 20);
                    useePay.pay(orderNo);
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        }
    }

    private static LongSummaryStatistics queriesPerOrder(SandboxAdmin useePay, String prefix) {
        JsonNode byOrder = useePay.allCounters().get("orders");
        LongSummaryStatistics queries = new LongSummaryStatistics();
        byOrder.properties().forEach(entry -> {
            if (entry.getKey().startsWith(prefix)) {
                queries.accept(entry.getValue().get("queries").asLong());
            }
        });
        return queries;
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
