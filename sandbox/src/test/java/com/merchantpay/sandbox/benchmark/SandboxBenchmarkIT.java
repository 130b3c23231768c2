package com.merchantpay.sandbox.benchmark;

import com.merchantpay.sandbox.SandboxApplication;
import com.merchantpay.sandbox.counters.SandboxCounters;
import com.merchantpay.sandbox.support.MerchantSchemes;
import com.merchantpay.sandbox.support.TestKeys;
import com.merchantpay.sandbox.useepay.OrderLifecycle;
import com.merchantpay.useepay.signing.SignType;
import com.merchantpay.useepay.signing.SignatureScheme;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * Throughput of the sandbox on this machine, printed, not asserted (a figure, not a pass/fail):
 * pay and query at concurrency 64 with no added latency, and the notification dispatch rate.
 * Run: {@code ./mvnw -B -ntp verify -Pbenchmark -pl sandbox -am -Dit.test=SandboxBenchmarkIT}.
 * Forms are signed before the clock starts, so the figures are the sandbox's, not the load
 * generator's (both share the same two cores, so they are a lower bound).
 */
@Tag("benchmark")
class SandboxBenchmarkIT {

    private static final int CONCURRENCY = 64;
    private static final int WARMUP_CALLS = 30_000;
    private static final int MEASURED_CALLS = 60_000;
    private static final int NOTIFICATIONS = 20_000;

    private final SignatureScheme md5 = MerchantSchemes.of(SignType.MD5);

    @Test
    void payQueryAndNotificationThroughput() {
        DisposableServer merchant = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/notify", (request, response) ->
                        request.receive().then(response.status(200).sendString(Mono.just("OK")).then())))
                .bindNow();
        String notifyUrl = "http://127.0.0.1:" + merchant.port() + "/notify";
        try (ConfigurableApplicationContext sandbox = start()) {
            int port = ((WebServerApplicationContext) sandbox).getWebServer().getPort();
            HttpClient client = client("http://127.0.0.1:" + port);

            run("pay (warm-up)", client, WARMUP_CALLS, i -> payForm("W" + i, notifyUrl));
            run("pay", client, MEASURED_CALLS, i -> payForm("P" + i, notifyUrl));
            run("query (warm-up)", client, WARMUP_CALLS, i -> queryForm("W" + i));
            run("query", client, MEASURED_CALLS, i -> queryForm("P" + (i % MEASURED_CALLS)));
            dispatch(sandbox, NOTIFICATIONS);
        } finally {
            merchant.disposeNow();
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SandboxApplication.class).run(
                "--server.port=0", "--logging.level.root=WARN",
                "--sandbox.time-scale=1", "--sandbox.added-latency=0ms",
                "--sandbox.useepay.merchant-no=" + TestKeys.MERCHANT_NO,
                "--sandbox.useepay.merchant-key=" + TestKeys.MERCHANT_KEY,
                "--sandbox.wechat.app-id=" + TestKeys.WECHAT_APP_ID,
                "--sandbox.wechat.secret=" + TestKeys.WECHAT_SECRET);
    }

    /** Bare reactor-netty: the lightest load generator at hand, since it shares the two cores with the sandbox. */
    private static HttpClient client(String baseUrl) {
        ConnectionProvider pool = ConnectionProvider.builder("benchmark").maxConnections(CONCURRENCY)
                .pendingAcquireMaxCount(-1).build();
        return HttpClient.create(pool).baseUrl(baseUrl)
                .headers(headers -> headers.set("Content-Type", "application/x-www-form-urlencoded"));
    }

    private void run(String name, HttpClient client, int calls, IntFunction<String> form) {
        List<String> bodies = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            bodies.add(form.apply(i));
        }
        Recorder latencies = new Recorder(3);
        long started = System.nanoTime();
        Long failures = Flux.fromIterable(bodies).flatMap(body -> {
            long sent = System.nanoTime();
            return client.post().uri("/api").send(ByteBufFlux.fromString(Mono.just(body)))
                    .responseSingle((response, content) -> content.asString())
                    .map(reply -> reply.contains("\"errorCode\":\"0000\"") ? 0L : 1L)
                    .doOnNext(ignored -> latencies.recordValue((System.nanoTime() - sent) / 1_000));
        }, CONCURRENCY).reduce(0L, Long::sum).block(Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - started) / 1e9;
        Histogram histogram = latencies.getIntervalHistogram();
        System.out.printf("BENCHMARK %-16s %,8d calls in %6.2f s = %,8.0f /s at concurrency %d; latency µs p50 %,d p99 %,d "
                        + "p99.9 %,d max %,d; non-0000 replies %d%n", name, calls, seconds, calls / seconds, CONCURRENCY,
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue(), failures);
    }

    /** Pays orders straight through the lifecycle and times until the merchant has acknowledged every notification. */
    private static void dispatch(ConfigurableApplicationContext sandbox, int count) {
        OrderLifecycle lifecycle = sandbox.getBean(OrderLifecycle.class);
        SandboxCounters counters = sandbox.getBean(SandboxCounters.class);
        long before = counters.totals().notificationsAcknowledged();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            lifecycle.succeed("P" + i);
        }
        Flux.interval(Duration.ofMillis(5))
                .filter(tick -> counters.totals().notificationsAcknowledged() - before >= count)
                .next().block(Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("BENCHMARK %-16s %,8d acknowledged in %6.2f s = %,8.0f /s%n", "notifications", count,
                seconds, count / seconds);
    }

    private String payForm(String transactionId, String notifyUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("version", "1.0");
        form.put("transactionType", "pay");
        form.put("merchantNo", TestKeys.MERCHANT_NO);
        form.put("transactionId", transactionId);
        form.put("appId", "shop.example.com");
        form.put("amount", "1000");
        form.put("currency", "HKD");
        form.put("notifyUrl", notifyUrl);
        form.put("transactionExpirationTime", "20");
        form.put("payerInfo", "{\"paymentMethod\":\"wechat_jsapi\",\"sub_appid\":\"wx1234567890abcdef\",\"sub_openid\":\"o1\"}");
        form.put("orderInfo", "{\"subject\":\"Benchmark goods\"}");
        return encode(form);
    }

    private String queryForm(String transactionId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("version", "1.0");
        form.put("transactionType", "query");
        form.put("merchantNo", TestKeys.MERCHANT_NO);
        form.put("transactionId", transactionId);
        return encode(form);
    }

    private String encode(Map<String, String> form) {
        form.put("signType", "MD5");
        form.put("sign", md5.sign(form));
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
