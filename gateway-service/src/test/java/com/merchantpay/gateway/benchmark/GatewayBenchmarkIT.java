package com.merchantpay.gateway.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.merchantpay.gateway.support.GatewayInstance;
import com.merchantpay.gateway.support.OrderServiceStandIn;
import com.merchantpay.gateway.support.TestIdentities;
import com.merchantpay.gateway.status.OrderView;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Login and status at concurrency 200, and 5,000 long-polls held open at once. Prints figures; the
 * assertions only guard that the runs did what they claim. Client and gateway share this JVM and
 * its 2 cores, so the figures are a floor, not a capacity plan.
 *
 * <p>Run: {@code ./mvnw -B -ntp verify -Pbenchmark -pl gateway-service -am -Dit.test=GatewayBenchmarkIT};
 * figures in {@code target/failsafe-reports/com.merchantpay.gateway.benchmark.GatewayBenchmarkIT-output.txt}.
 */
@Tag("benchmark")
class GatewayBenchmarkIT {

    private static final int CONCURRENCY = 200;
    private static final int LOGINS = 3_000;
    private static final int STATUS_READS = 20_000;
    private static final int LONG_POLLS = 5_000;
    private static final int ORDERS = 200;

    private static GatewayInstance gateway;
    private static LoopResources clientLoops;
    private static WebClient http;

    @BeforeAll
    static void start() {
        gateway = GatewayInstance.start(Map.of(
                "gateway.rate-limit.per-ip.capacity", "1000000000",
                "gateway.rate-limit.per-open-id.capacity", "1000000000",
                "logging.level.com.merchantpay", "WARN"));
        clientLoops = LoopResources.create("bench-client", 1, true);
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(LONG_POLLS + 500)
                .pendingAcquireMaxCount(-1).build();
        http = WebClient.builder().baseUrl(gateway.baseUrl())
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool).runOn(clientLoops)))
                .defaultHeader("X-Forwarded-For", TestIdentities.clientIp()).build();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        clientLoops.dispose();
    }

    @Test
    void loginAtConcurrency200() {
        List<String> codes = Flux.range(0, LOGINS).flatMap(i -> Mono.fromCallable(() -> GatewayInstance.mintCode(TestIdentities.openId()))
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 32).collectList().block();
        warmUp(() -> http.post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "short")).retrieve().toBodilessEntity());

        Result result = run(LOGINS, i -> http.post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", codes.get(i))).exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())));

        result.print("login (fresh code: code2Session on the sandbox + token + UserLoggedIn acks=all)");
        assertThat(result.ok).isEqualTo(LOGINS);
    }

    @Test
    void statusAtConcurrency200() {
        List<Order> orders = createOrders();
        warmUp(() -> read(orders.get(0), 0, null).then());

        Result result = run(STATUS_READS, i -> read(orders.get(i % ORDERS), 0, null));

        result.print("status (plain read, owner check, JSON)");
        assertThat(result.ok).isEqualTo(STATUS_READS);
    }

    @Test
    void fiveThousandLongPollsCostNoThreads() {
        List<Order> orders = createOrders();
        Footprint before = Footprint.now();
        ConcurrentHistogram wake = new ConcurrentHistogram(3);
        Map<String, Long> paidAt = new java.util.concurrent.ConcurrentHashMap<>();
        List<Mono<Integer>> polls = IntStream.range(0, LONG_POLLS)
                .mapToObj(i -> orders.get(i % ORDERS))
                .map(order -> read(order, 25, "AWAITING_PAYMENT")
                        .doOnNext(status -> wake.recordValue(Math.max(0, System.nanoTime() - paidAt.getOrDefault(order.orderNo(), 0L)) / 1000)))
                .toList();
        var held = Flux.merge(Flux.fromIterable(polls), LONG_POLLS).collectList().toFuture();

        OrderView view = gateway.bean(OrderView.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> view.openWaits() >= LONG_POLLS);
        Footprint holding = Footprint.now();
        try (OrderServiceStandIn outcomes = new OrderServiceStandIn()) {
            orders.forEach(order -> {
                paidAt.put(order.orderNo(), System.nanoTime());
                outcomes.paid(order.orderNo());
            });
        }
        List<Integer> statuses = held.join();
        Footprint after = Footprint.now();

        System.out.printf("%nlong-polls: %d held at once (gateway gauge %d)%n", LONG_POLLS, LONG_POLLS);
        System.out.printf("  threads  before %d, holding %d, after %d%n", before.threads, holding.threads, after.threads);
        System.out.printf("  heap used after GC  before %d MB, holding %d MB, after %d MB%n", before.heapMb, holding.heapMb, after.heapMb);
        System.out.printf("  wake-up from sending PaymentSucceeded (acks=all) to the held poll's answer, %d orders x 25 polls: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", ORDERS,
                wake.getValueAtPercentile(50) / 1000.0, wake.getValueAtPercentile(99) / 1000.0, wake.getMaxValue() / 1000.0);
        assertThat(statuses).hasSize(LONG_POLLS).allMatch(status -> status == 200);
        assertThat(holding.threads - before.threads).as("threads added while holding 5,000 polls").isLessThan(20);
    }

    private Mono<Integer> read(Order order, int waitSeconds, String knownState) {
        return http.get().uri(uri -> uri.path("/api/v1/orders/{no}").queryParam("waitSeconds", waitSeconds)
                        .queryParamIfPresent("knownState", java.util.Optional.ofNullable(knownState)).build(order.orderNo()))
                .header("Authorization", "Bearer " + order.token())
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
    }

    /** Orders awaiting payment, as order-service would announce them; the view picks them up from the topic. */
    private static List<Order> createOrders() {
        List<Order> orders = IntStream.range(0, ORDERS).mapToObj(i -> {
            String openId = TestIdentities.openId();
            return new Order("MPBENCH" + openId.substring(5).toUpperCase(), openId, GatewayInstance.tokenFor(openId));
        }).toList();
        try (OrderServiceStandIn orderService = new OrderServiceStandIn()) {
            orders.forEach(o -> orderService.created(o.orderNo(), o.openId(), OrderServiceStandIn.payParameters(o.orderNo())));
        }
        OrderView view = gateway.bean(OrderView.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> orders.stream().allMatch(o -> view.find(o.orderNo()).isPresent()));
        return orders;
    }

    private static void warmUp(java.util.function.Supplier<Mono<?>> call) {
        Flux.range(0, 2_000).flatMap(i -> call.get().onErrorResume(e -> Mono.empty()), 50).blockLast(Duration.ofMinutes(2));
    }

    private static Result run(int total, java.util.function.IntFunction<Mono<Integer>> call) {
        Histogram latency = new ConcurrentHistogram(3);
        int[] ok = new int[1];
        long started = System.nanoTime();
        Flux.range(0, total).flatMap(i -> {
            long sent = System.nanoTime();
            return call.apply(i).doOnNext(status -> {
                latency.recordValue((System.nanoTime() - sent) / 1000);
                if (status >= 200 && status < 300) {
                    synchronized (ok) {
                        ok[0]++;
                    }
                }
            });
        }, CONCURRENCY).blockLast(Duration.ofMinutes(10));
        return new Result(total, ok[0], System.nanoTime() - started, latency);
    }

    private record Order(String orderNo, String openId, String token) {
    }

    private record Result(int total, int ok, long nanos, Histogram latency) {
        void print(String what) {
            System.out.printf("%n%s at concurrency %d: %d requests (%d 2xx) in %.1f s = %.0f req/s; p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    what, CONCURRENCY, total, ok, nanos / 1e9, total / (nanos / 1e9),
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0);
        }
    }

    private record Footprint(int threads, long heapMb) {
        static Footprint now() {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Footprint(ManagementFactory.getThreadMXBean().getThreadCount(), used / (1024 * 1024));
        }
    }
}
