package com.merchantpay.e2e.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.merchantpay.e2e.support.RunningStack;
import com.merchantpay.localstack.StackOptions;
import com.merchantpay.localstack.service.ServiceCatalogue;
import com.merchantpay.localstack.service.ServiceProcess;
import com.merchantpay.schemas.topics.PaymentTopics;
import com.merchantpay.testsupport.ProcessCpu;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The notification path of the whole stack on its own, per hop: {@code N} orders checked out through
 * the gateway, then paid in the sandbox at a steady rate (UseePay sends each notification), each timed
 * until its outcome is readable by a plain read_committed subscriber. Unlike the notification part of
 * {@code bin/benchmark}, nothing else runs meanwhile: the reconciler's grace is lifted past the run, as
 * when users pay within it, so its queries of unpaid orders do not share the processor.
 * {@code ./mvnw -B -ntp verify -Pbenchmark -pl e2e-tests -am -Dit.test=NotificationPathBenchmarkIT}
 * ({@code -Dload.notification-orders}, {@code -Dload.notification-measured} (the last of them; the rest warm up,
 * in rounds at the rate until the JIT has little left to compile),
 * {@code -Dload.notification-rate}, and
 * {@code -Dload.env.<service>.<VARIABLE>=<value>} to try a service setting).
 */
@Tag("benchmark")
class NotificationPathBenchmarkIT {

    private static final int ORDERS = Integer.getInteger("load.notification-orders", 36_000);
    private static final int MEASURED = Integer.getInteger("load.notification-measured", 4800);
    private static final double RATE = Double.parseDouble(System.getProperty("load.notification-rate", "300"));
    private static final int USERS = 64;
    private static final int WARM_UP_ROUND = 2400;
    /**
     * A warm-up round after which the JVMs compiled less than this per payment (all processes) is the last.
     * 7,200 payments left 1.4–2.7 ms per payment of compiling in the measured window, a fifth of its CPU:
     * a method run once per notification reaches C2's thresholds (5,000 calls, 15,000 with its loops) only
     * after as many notifications, and it took 26,400 to fall to 0.5 ms (2026-12-02).
     */
    private static final double WARM_COMPILING_MILLIS_PER_PAYMENT = 0.25;
    private static final String SETTING = "load.env.";
    /**
     * The longest lifetime UseePay gives an order (the sandbox caps transactionExpirationTime at 20 minutes):
     * every order is checked out before the first payment, and on a slow day checking out 36,000 took 8 minutes,
     * so with the e2e stack's 10 the warm-up outlived its own orders (they closed unpaid, 2026-12-02).
     */
    private static final Duration ORDER_LIFETIME = Duration.ofMinutes(20);
    /** Warm-up rounds stop this long before the first order checked out would expire: the measured round's turn. */
    private static final Duration LEFT_FOR_MEASURING = Duration.ofMinutes(4);

    private static RunningStack stack;
    private static LoadClient client;

    @BeforeAll
    static void startTheStack() {
        StackOptions options = RunningStack.defaultOptions().withTimeScale(1.0).withOrderExpiry(ORDER_LIFETIME)
                .withServiceJvmOptions(StackOptions.AS_DEPLOYED)
                .withEnvironment(ServiceCatalogue.RECONCILIATION_SERVICE, ServiceCatalogue.environmentName("reconciliation.grace"), "1h");
        for (String limit : List.of("gateway.rate-limit.per-ip.capacity", "gateway.rate-limit.per-open-id.capacity")) {
            options = options.withEnvironment(ServiceCatalogue.GATEWAY_SERVICE, ServiceCatalogue.environmentName(limit), "100000000");
        }
        // -Dload.env.<service>.<VARIABLE>=<value> tries a setting, e.g. load.env.notify-service.NOTIFY_OUTCOME_COMMITINTERVAL=50ms
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(SETTING)) {
                String serviceAndVariable = key.substring(SETTING.length());
                int dot = serviceAndVariable.indexOf('.');
                options = options.withEnvironment(serviceAndVariable.substring(0, dot), serviceAndVariable.substring(dot + 1),
                        System.getProperty(key));
            }
        }
        stack = RunningStack.start(options);
        client = new LoadClient();
    }

    @AfterAll
    static void stopTheStack() {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** The stack's processes and this JVM (the load generator and the subscriber). */
    private static Map<String, Long> everyProcess() {
        Map<String, Long> pids = new LinkedHashMap<>(stack.localStack().pids());
        pids.put("load generator + subscriber", ProcessHandle.current().pid());
        return pids;
    }

    /**
     * Until the stack's compiler threads together use under 2 % of a core for two seconds; at most 90 s, after
     * which the run goes on and the "JIT compiling" line shows what was still compiled while measuring.
     */
    private static void awaitCompiled() {
        AtomicReference<Double> previous = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                double now = sum(ProcessCpu.compiling(everyProcess()));
                Double before = previous.getAndSet(now);
                return before != null && now - before < 40;
            });
        } catch (ConditionTimeoutException stillCompiling) {
            System.out.println("JIT: the compilers were still busy after 90 s; measuring anyway");
        }
    }

    /**
     * Rounds of payments at the rate until one leaves the compilers little to do, or the orders run out, or
     * {@code payableUntil} (less the time left for measuring) comes: after it, orders start to expire unpaid.
     */
    private static void warmUp(URI sandbox, List<String> orders, Instant payableUntil) {
        for (int from = 0; from + WARM_UP_ROUND <= orders.size(); from += WARM_UP_ROUND) {
            if (Instant.now().isAfter(payableUntil.minus(LEFT_FOR_MEASURING))) {
                System.out.printf("warm-up: stopped after %d payments; the orders checked out first expire at %s%n", from,
                        payableUntil);
                return;
            }
            Map<String, Double> compilingBefore = ProcessCpu.compiling(everyProcess());
            NotificationToOutcome.measure(client, sandbox, stack.localStack().bootstrapServers(),
                    orders.subList(from, from + WARM_UP_ROUND), RATE);
            double compiling = sum(ProcessCpu.perCompleted(compilingBefore, ProcessCpu.compiling(everyProcess()), WARM_UP_ROUND));
            System.out.printf("warm-up: %d payments, JIT compiling %.2f ms per payment in the last %d%n", from + WARM_UP_ROUND,
                    compiling, WARM_UP_ROUND);
            if (compiling < WARM_COMPILING_MILLIS_PER_PAYMENT) {
                return;
            }
        }
    }

    private static double sum(Map<String, Double> millis) {
        return millis.values().stream().filter(value -> !value.isNaN()).mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void paidOrdersBecomeOutcomesASubscriberReads() {
        URI sandbox = stack.localStack().serviceUrl(ServiceCatalogue.SANDBOX);
        EventDrivenPath checkout = new EventDrivenPath(client, stack.localStack().serviceUrl(ServiceCatalogue.GATEWAY_SERVICE), sandbox);
        checkout.prepare(USERS);
        Instant payableUntil = Instant.now().plus(ORDER_LIFETIME);
        List<String> orders = Flux.range(0, ORDERS).flatMap(i -> checkout.checkout(i % USERS), USERS)
                .collectList().block(Duration.ofMinutes(10));
        assertThat(orders).as("checkouts with pay values").hasSize(ORDERS);
        // Every OrderCreated is in the outcome processor's store before the first payment.
        stack.consumerGroups().awaitEveryReaderCaughtUp(List.of(PaymentTopics.CHECKOUTS.name(), PaymentTopics.ORDERS.name()),
                Duration.ofMinutes(5));

        // The rest warms the path up (connections, and the JIT: thousands of calls before a method is compiled
        // fully) and is not reported; then the JVMs finish compiling what it made hot, as a service that has run
        // for a while has. Without both, a third of the measured CPU was compiler threads.
        warmUp(sandbox, orders.subList(0, ORDERS - MEASURED), payableUntil);
        awaitCompiled();
        Map<String, Double> compilingBefore = ProcessCpu.compiling(everyProcess());
        Map<String, Double> collectingBefore = ProcessCpu.collecting(everyProcess());
        Map<String, ServiceProcess> notify = Map.of(ServiceCatalogue.NOTIFY_SERVICE, stack.localStack().service(ServiceCatalogue.NOTIFY_SERVICE));
        Map<String, ServerTimers.Reading> before = ServerTimers.read(client, notify);
        Map<String, Double> cpuBefore = ProcessCpu.read(everyProcess());
        long windowStart = System.nanoTime();
        NotificationToOutcome.Result measured = NotificationToOutcome.measure(client, sandbox, stack.localStack().bootstrapServers(),
                orders.subList(ORDERS - MEASURED, ORDERS), RATE);
        double windowMillis = (System.nanoTime() - windowStart) / 1e6;
        Map<String, Double> cpu = ProcessCpu.perCompleted(cpuBefore, ProcessCpu.read(everyProcess()), measured.paid());
        Map<String, Double> compiling = ProcessCpu.perCompleted(compilingBefore, ProcessCpu.compiling(everyProcess()), measured.paid());
        Map<String, Double> collecting = ProcessCpu.perCompleted(collectingBefore, ProcessCpu.collecting(everyProcess()), measured.paid());
        Map<String, ServerTimers.Figures> timers = ServerTimers.since(before, ServerTimers.read(client, notify));
        Map<String, ServerTimers.Figures> hops = new LinkedHashMap<>();
        ServerTimers.NOTIFICATION_HOPS.forEach(hop -> hops.put(hop.title(), timers.get(hop.key())));
        NotificationToOutcome.Result result = measured.withHops(hops);

        System.out.printf("%nNOTIFICATION PATH: %d orders paid at %.0f/s (asked %.0f/s): sandbox pay → outcome readable (read_committed) p50 %.0f ms, "
                + "p95 %.0f ms, p99 %.0f ms, max %.0f ms; never arrived: %d%n", result.paid(), result.ratePerSecond(), RATE, result.p50(),
                result.p95(), result.p99(), result.max(), result.missing());
        result.hops().forEach((hop, figures) -> System.out.printf("HOP %s: mean %.1f ms, p99 %.0f ms (%d)%n", hop,
                figures == null ? Double.NaN : figures.meanMillis(), figures == null ? Double.NaN : figures.p99Millis(),
                figures == null ? 0 : figures.calls()));
        // Where the two cores go while orders are paid: the tail is CPU starvation wherever the sum nears 2 cores.
        System.out.printf("CPU per paid order, ms: %s (total %.2f; %.0f/s × total = %.2f cores)%n", cpu, sum(cpu),
                result.ratePerSecond(), result.ratePerSecond() * sum(cpu) / 1000);
        System.out.printf("measured window (payments and the wait for their outcomes): %.1f s, cores busy over it: %.2f of %d%n",
                windowMillis / 1000, sum(cpu) * result.paid() / windowMillis, Runtime.getRuntime().availableProcessors());
        System.out.printf("of which JIT compiling, ms: %s (total %.2f)%n", compiling, sum(compiling));
        System.out.printf("of which garbage collecting (and safepoints), ms: %s (total %.2f)%n", collecting, sum(collecting));
        assertThat(result.missing()).as("paid orders without an outcome").isZero();
    }
}
